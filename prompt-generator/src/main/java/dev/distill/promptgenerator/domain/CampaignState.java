package dev.distill.promptgenerator.domain;

public enum CampaignState {
    /** Emitting (or waiting to resume after a restart). */
    RUNNING,
    /** Stopped by the user; resumes where it stopped. */
    PAUSED,
    /** Every prompt it will emit was acknowledged by the broker. */
    COMPLETED,
    /** Stopped by the user for good; what was emitted stays emitted. */
    CANCELLED,
    /** Emission stopped on an error; see the failure reason. */
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
