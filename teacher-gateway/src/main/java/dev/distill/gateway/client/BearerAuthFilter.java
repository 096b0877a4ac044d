package dev.distill.gateway.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds the teacher's API key. Kept out of method signatures so it cannot end up in a log line by accident. */
final class BearerAuthFilter implements ClientRequestFilter {

    private final String apiKey;

    BearerAuthFilter(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
    }

    @Override
    public String toString() {
        return "BearerAuthFilter[***]";
    }
}
