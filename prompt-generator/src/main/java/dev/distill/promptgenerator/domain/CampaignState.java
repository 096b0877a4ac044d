package dev.distill.promptgenerator.domain;

public enum CampaignState {
    /** Emitting (or waiting to resume after a restart). */
    RUNNING,
    /** Every requested prompt was acknowledged by the broker. */
    COMPLETED,
    /** Emission stopped on an error; see the failure reason. */
    FAILED
}
