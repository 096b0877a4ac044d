package dev.distill.referenceteacher.service;

/** What a fault does to an answer the teacher did give; at most one per request. */
public enum AnswerFault {
    NONE,
    /** Cut to about half its tokens, {@code finish_reason: length}, with confidence fading towards the cut. */
    TRUNCATE,
    /** A refusal instead of the answer. */
    REFUSAL,
    /** A line of contact details (email, phone) before the final answer line. */
    PII
}
