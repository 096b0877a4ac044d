package dev.distill.evaluator.serving;

import io.smallrye.config.ConfigMapping;

/** The OpenAI-compatible serving endpoint. Defaults live in application.properties. */
@ConfigMapping(prefix = "distill.evaluator.serving")
public interface ServingConfig {

    /** The student whose champion is served; its id is the model name clients send. */
    String student();

    /** The most tokens (bytes) one completion may generate; also the default when a request sets none. */
    int maxTokens();
}
