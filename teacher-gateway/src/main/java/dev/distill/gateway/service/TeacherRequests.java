package dev.distill.gateway.service;

import dev.distill.events.PromptEvent;
import dev.distill.events.Sampling;
import dev.distill.gateway.client.ChatCompletionRequest;
import java.util.List;

/** Turns a prompt into the request the teacher sees. */
public final class TeacherRequests {

    private TeacherRequests() {
    }

    /**
     * Only the prompt's messages and sampling go out. The reference answer is deliberately not an input here:
     * a teacher that saw it would be graded on an open book.
     */
    public static ChatCompletionRequest of(PromptEvent prompt, String model) {
        Sampling sampling = prompt.sampling();
        boolean wantLogprobs = sampling.topLogprobs() > 0;
        List<ChatCompletionRequest.Message> messages = prompt.messages().stream()
                .map(m -> new ChatCompletionRequest.Message(m.role(), m.content()))
                .toList();
        return new ChatCompletionRequest(model, messages, sampling.temperature(), sampling.maxTokens(),
                wantLogprobs ? Boolean.TRUE : null, wantLogprobs ? sampling.topLogprobs() : null, sampling.seed());
    }
}
