package dev.distill.referenceteacher.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.referenceteacher.domain.FaultProfile;
import dev.distill.referenceteacher.service.InvalidRequestException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a {@code PUT /admin/faults} body: fields left out take their value from a base profile (the startup one),
 * so {@code {"throttle_rate":1}} is enough; strictly, so a misspelt field or a null rate is a 400, not silently 0.
 */
final class FaultProfileReader {

    private final ObjectMapper mapper;
    private final ObjectReader strict;

    FaultProfileReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strict = mapper.readerFor(FaultProfile.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    FaultProfile read(String body, FaultProfile base) throws JsonProcessingException {
        JsonNode given = body == null || body.isBlank() ? null : mapper.readTree(body);
        if (given == null || !given.isObject()) {
            throw new InvalidRequestException("The body must be a JSON object with the fault profile's fields, e.g. "
                    + "{\"throttle_rate\": 0.1}.", null);
        }
        ObjectNode merged = mapper.valueToTree(base);
        merge(merged, (ObjectNode) given);
        return strict.treeToValue(merged, FaultProfile.class);
    }

    /** Deep merge: a nested object ({@code latency}) is merged field by field too. */
    private static void merge(ObjectNode target, ObjectNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode into && field.getValue() instanceof ObjectNode from) {
                merge(into, from);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
