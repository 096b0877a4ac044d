package dev.distill.events;

/** Tokens billed for one teacher call. */
public record Usage(int promptTokens, int completionTokens) {
    public static final Usage NONE = new Usage(0, 0);

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
