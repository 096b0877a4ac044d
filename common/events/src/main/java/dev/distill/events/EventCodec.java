package dev.distill.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The JSON form of events. Reading is strict: a missing required field, a null primitive or an unknown
 * {@code schemaVersion} fails with an {@link EventFormatException} naming the field or version. Unknown extra
 * fields are ignored, so a producer may add optional fields within a schema version.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private EventCodec() {
    }

    /** The mapper events are written with, for callers that embed events in other JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(DistillEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write " + event.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] toBytes(DistillEvent event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    public static <T extends DistillEvent> T fromJson(String json, Class<T> type) {
        String name = type.getSimpleName();
        if (json == null || json.isBlank()) {
            throw new EventFormatException(name + ": empty record");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException(name + ": expected a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new EventFormatException(name + ": missing required field 'schemaVersion'");
        }
        if (!version.canConvertToInt() || version.asInt() != supportedVersion(type)) {
            throw new EventFormatException(name + ": unsupported schemaVersion " + version
                    + " (this build reads " + supportedVersion(type) + ")");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new EventFormatException(name + ": " + describe(e), e);
        } catch (IOException e) {
            throw new EventFormatException(name + ": " + e.getMessage(), e);
        }
    }

    public static <T extends DistillEvent> T fromBytes(byte[] json, Class<T> type) {
        return fromJson(json == null ? null : new String(json, StandardCharsets.UTF_8), type);
    }

    private static String describe(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (root instanceof Require.MissingFieldException missing) {
            return missing.getMessage() + (path.isEmpty() ? "" : " in '" + path + "'");
        }
        if (root instanceof IllegalArgumentException || root instanceof EventFormatException) {
            return root.getMessage() + (path.isEmpty() ? "" : " in '" + path + "'");
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Missing required creator property")) {
            return "missing required field '" + path + "'";
        }
        return "invalid field '" + path + "': " + e.getOriginalMessage();
    }

    private static int supportedVersion(Class<? extends DistillEvent> type) {
        try {
            return type.getField("SCHEMA_VERSION").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " has no SCHEMA_VERSION", e);
        }
    }
}
