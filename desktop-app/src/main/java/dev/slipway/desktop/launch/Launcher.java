package dev.slipway.desktop.launch;

import dev.slipway.core.deployment.DeploymentId;

/**
 * Starts one build where the mode says (a local child process, or an ECS task) and can stop it.
 * Both implementations write the QUEUED and STARTING events ({@code seq} 0) to the log stream, and
 * watch what they started so that a build that dies without a terminal event ends FAILED.
 */
public interface Launcher {

    /**
     * Writes QUEUED, starts the build with the contract's environment, writes STARTING.
     *
     * @throws dev.slipway.desktop.SlipwayException with a sentence naming the setting to fix
     */
    LaunchedBuild launch(LaunchSpec spec);

    /**
     * Checks, without writing anything, that a launch can start: the log's Redis answers and the
     * place the build runs exists. A deploy calls it before it stores or uploads anything, so a
     * deploy that cannot start leaves nothing behind.
     *
     * @throws dev.slipway.desktop.SlipwayException with a sentence naming the setting to fix
     */
    default void check() {}

    /**
     * Stops a running build and makes sure its stream ends (CANCELED).
     *
     * @return false when no running build of that id is known to this launcher
     */
    boolean cancel(DeploymentId id);

    /** A build that was started: what runs it, in words ("process 4242", "ECS task arn:…"). */
    record LaunchedBuild(DeploymentId id, String runsAs) {}
}
