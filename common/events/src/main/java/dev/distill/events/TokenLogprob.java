package dev.distill.events;

import java.util.List;

/** One generated token with its logprob and the teacher's top alternatives at that position. */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
    public TokenLogprob {
        Require.present(token == null ? null : "x", "tokens[].token"); // an empty-string token is legal
        top = Require.optionalList(top);
    }

    public record Alternative(String token, double logprob) {
        public Alternative {
            Require.present(token == null ? null : "x", "tokens[].top[].token");
        }
    }
}
