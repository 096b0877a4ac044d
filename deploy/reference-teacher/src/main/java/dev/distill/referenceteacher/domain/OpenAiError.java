package dev.distill.referenceteacher.domain;

/** The OpenAI error body: {@code {"error":{"message":..,"type":..,"param":..,"code":..}}}. */
public record OpenAiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
