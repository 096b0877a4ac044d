package dev.distill.curator.filter;

/** What one filter decided: accept, or reject with a short machine-readable reason and a human-readable detail. */
public record FilterResult(boolean accepted, String reason, String detail) {

    private static final FilterResult ACCEPT = new FilterResult(true, null, null);

    public static FilterResult accept() {
        return ACCEPT;
    }

    public static FilterResult reject(String reason, String detail) {
        return new FilterResult(false, reason, detail);
    }
}
