package dev.distill.gateway.service;

/** A version can be announced once; changing where prompts go is {@code PUT /teachers/{name}/route}. */
public class VersionExistsException extends RuntimeException {

    public VersionExistsException(String message) {
        super(message);
    }
}
