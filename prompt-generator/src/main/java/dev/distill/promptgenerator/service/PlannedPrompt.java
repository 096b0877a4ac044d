package dev.distill.promptgenerator.service;

import dev.distill.events.PromptEvent;

/** Prompt {@code index} of a campaign with the skill seed it was generated from. */
public record PlannedPrompt(long index, long seed, PromptEvent event) {
}
