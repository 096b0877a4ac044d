package dev.distill.referenceteacher.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The OpenAI {@code GET /v1/models} response. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
