package dev.distill.curator.filter;

/** The chain's decision: accepted, or rejected by the named filter for a reason. */
public record Verdict(boolean accepted, String filter, String reason, String detail) {

    private static final Verdict ACCEPTED = new Verdict(true, null, null, null);

    public static Verdict accept() {
        return ACCEPTED;
    }

    public static Verdict rejectedBy(String filter, FilterResult result) {
        return new Verdict(false, filter, result.reason(), result.detail());
    }
}
