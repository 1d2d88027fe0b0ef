package dev.slipway.desktop.doctor;

import dev.slipway.core.config.SlipwayConfig;
import java.util.List;
import java.util.Optional;

/** The checks of {@code slipway doctor} and the app's Test connection. Blocking. */
public interface DoctorService {

    /** Runs every check the config calls for, one result per check, in a stable order. */
    List<CheckResult> run(SlipwayConfig config);

    /**
     * The AWS identity (STS GetCallerIdentity ARN) the config's profile resolves to, if reachable.
     */
    Optional<String> awsIdentity(SlipwayConfig config);
}
