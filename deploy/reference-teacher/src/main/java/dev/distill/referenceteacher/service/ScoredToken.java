package dev.distill.referenceteacher.service;

import java.util.List;

/** A completion token with its logprob and the k most likely tokens at its position (descending). */
public record ScoredToken(String token, double logprob, List<Alternative> top) {

    public record Alternative(String token, double logprob) {
    }
}
