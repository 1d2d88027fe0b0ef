package dev.slipway.desktop.ui.deployment;

/** Where one step of the progress stepper is. */
public enum StepState {
    PENDING,
    ACTIVE,
    DONE,
    SKIPPED,
    FAILED,
    CANCELED
}
