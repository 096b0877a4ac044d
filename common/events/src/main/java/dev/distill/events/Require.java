package dev.distill.events;

import java.util.List;

/** Field checks for event constructors: a violation names the field, so a bad record says what is wrong. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        if (value instanceof String s && s.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field) {
        return List.copyOf(present(value, field));
    }

    public static <T> List<T> optionalList(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    public static void version(int schemaVersion, int supported, String event) {
        if (schemaVersion != supported) {
            throw new EventFormatException(event + ": unsupported schemaVersion " + schemaVersion
                    + " (this build reads " + supported + ")");
        }
    }

    /** A required field that is absent, null or blank. */
    public static final class MissingFieldException extends IllegalArgumentException {
        private final String field;

        public MissingFieldException(String field) {
            super("missing required field '" + field + "'");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
