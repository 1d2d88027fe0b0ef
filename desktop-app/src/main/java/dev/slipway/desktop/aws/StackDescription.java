package dev.slipway.desktop.aws;

import java.util.Map;
import java.util.Set;

/** What CloudFormation says about one stack: its status and its outputs by key. */
public record StackDescription(
        String name, String status, String statusReason, Map<String, String> outputs) {

    /** The statuses in which a stack's resources exist and its outputs can be trusted. */
    static final Set<String> USABLE =
            Set.of(
                    "CREATE_COMPLETE",
                    "UPDATE_COMPLETE",
                    "UPDATE_ROLLBACK_COMPLETE",
                    "IMPORT_COMPLETE",
                    "IMPORT_ROLLBACK_COMPLETE");

    public StackDescription {
        outputs = Map.copyOf(outputs);
    }

    boolean usable() {
        return USABLE.contains(status);
    }

    boolean inProgress() {
        return status != null && status.endsWith("_IN_PROGRESS");
    }
}
