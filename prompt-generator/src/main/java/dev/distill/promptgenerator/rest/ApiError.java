package dev.distill.promptgenerator.rest;

/** Error body: {@code {"error":"invalid_request","field":"count","message":"..."}}; field is null when not about one. */
public record ApiError(String error, String field, String message) {
}
