package dev.slipway.desktop.launch;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.launch.EcsCalls.ContainerDefinition;
import dev.slipway.desktop.launch.EcsCalls.Task;
import dev.slipway.desktop.launch.EcsCalls.TaskDefinition;
import dev.slipway.desktop.logging.DaemonThreads;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.reconcile.EcsTaskRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the build as an ECS task (FARGATE, awsvpc) in the configured cluster, with the build's
 * variables as container overrides; bucket and Redis come from the task definition. A watcher polls
 * DescribeTasks while the build runs, so a task that stops without ending its stream (image pull
 * failure, out of memory, stopped by hand) ends FAILED with ECS's reason.
 */
public final class EcsLauncher implements Launcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EcsLauncher.class);

    /** ECS's limit on the packed size of a RunTask's overrides. */
    public static final int OVERRIDES_LIMIT_BYTES = 8192;

    private final EcsCalls ecs;
    private final AwsSettings aws;
    private final LogStreams streams;
    private final Duration pollInterval;
    private final EcsErrors errors;
    private final EcsTaskRecords records;
    private volatile boolean closed;

    public EcsLauncher(EcsCalls ecs, AwsSettings aws, LogStreams streams, Duration pollInterval) {
        this(ecs, aws, streams, pollInterval, EcsTaskRecords.none());
    }

    /**
     * @param records where each started task is recorded, so the reconciler of a later command ends
     *     a build whose task stopped after this process exited
     */
    public EcsLauncher(
            EcsCalls ecs,
            AwsSettings aws,
            LogStreams streams,
            Duration pollInterval,
            EcsTaskRecords records) {
        this.ecs = ecs;
        this.aws = aws;
        this.streams = streams;
        this.pollInterval = pollInterval;
        this.records = records;
        this.errors = new EcsErrors(aws);
    }

    /**
     * Redis answers, the cluster is ACTIVE, the task definition has the configured container, and
     * subnets are set: what RunTask needs, checked with read-only calls.
     */
    @Override
    public void check() {
        streams.ping();
        checkCluster();
        checkTaskDefinition();
    }

    private void checkCluster() {
        List<EcsCalls.Cluster> clusters;
        try {
            clusters = ecs.describeClusters(aws.cluster());
        } catch (RuntimeException e) {
            throw errors.translate("ecs:DescribeClusters", e);
        }
        if (clusters.stream().noneMatch(c -> "ACTIVE".equals(c.status()))) {
            throw SlipwayException.badInput(
                    "The ECS cluster '"
                            + aws.cluster()
                            + "' does not exist in "
                            + aws.region()
                            + "; create it (slipway aws init --stack) or set \"aws.cluster\" in config.json.");
        }
    }

    private void checkTaskDefinition() {
        if (aws.subnets().isEmpty()) {
            throw SlipwayException.badInput(
                    "\"aws.subnets\" in config.json is empty: list the subnets the build tasks run in, for example [\"subnet-0abc123\"].");
        }
        TaskDefinition definition = describeTaskDefinition();
        List<String> names =
                definition.containerDefinitions().stream().map(ContainerDefinition::name).toList();
        if (!names.contains(aws.containerName())) {
            throw SlipwayException.badInput(
                    "The task definition '"
                            + aws.taskDefinition()
                            + "' has no container named '"
                            + aws.containerName()
                            + "'; set \"aws.containerName\" in config.json to one of "
                            + names
                            + ".");
        }
    }

    @Override
    public LaunchedBuild launch(LaunchSpec spec) {
        checkTaskDefinition();
        Map<String, String> env = BuildEnvironment.of(spec);
        int size = packedSize(aws.containerName(), env);
        if (size > OVERRIDES_LIMIT_BYTES) {
            throw SlipwayException.badInput(
                    "The build settings take "
                            + size
                            + " bytes, over ECS's limit of 8 KiB for a task's overrides; shorten the --env values"
                            + " or commands, or put large values in the task definition's environment.");
        }
        DeploymentId id = spec.id();
        streams.append(
                id,
                LogEvent.status(LogProtocol.LAUNCHER_SEQ, Instant.now(), DeploymentStatus.QUEUED));
        EcsCalls.Tasks response;
        try {
            response =
                    ecs.runTask(
                            aws.cluster(),
                            aws.taskDefinition(),
                            id.value(),
                            new EcsCalls.Network(
                                    aws.subnets(),
                                    aws.securityGroups(),
                                    Boolean.TRUE.equals(aws.assignPublicIp())),
                            aws.containerName(),
                            env);
        } catch (RuntimeException e) {
            SlipwayException translated = errors.translate("ecs:RunTask", e);
            streams.append(
                    id,
                    LogEvent.failed(
                            LogProtocol.LAUNCHER_SEQ, Instant.now(), translated.getMessage()));
            throw translated;
        }
        if (!response.failures().isEmpty() || response.tasks().isEmpty()) {
            SlipwayException failure = errors.runTaskFailures(response.failures());
            streams.append(
                    id,
                    LogEvent.failed(LogProtocol.LAUNCHER_SEQ, Instant.now(), failure.getMessage()));
            throw failure;
        }
        Task task = response.tasks().get(0);
        records.record(spec.project(), id, task.taskArn());
        streams.append(
                id,
                LogEvent.line(
                        LogProtocol.LAUNCHER_SEQ,
                        Instant.now(),
                        Phase.LAUNCH,
                        OutputStream.SYSTEM,
                        "Started ECS task " + task.taskArn() + " in cluster " + aws.cluster()));
        streams.append(
                id,
                LogEvent.status(
                        LogProtocol.LAUNCHER_SEQ, Instant.now(), DeploymentStatus.STARTING));
        DaemonThreads.start("slipway-ecs-watch-" + id.value(), () -> watch(id, task.taskArn()));
        return new LaunchedBuild(id, "ECS task " + task.taskArn());
    }

    private TaskDefinition describeTaskDefinition() {
        try {
            return ecs.describeTaskDefinition(aws.taskDefinition());
        } catch (RuntimeException e) {
            throw errors.translate("ecs:DescribeTaskDefinition", e);
        }
    }

    /**
     * This launcher's answer to "is the task of this build still there?", for the reconciler: the
     * task found by {@code startedBy=<deploymentId>}, a STOPPED one with ECS's stop reason or, when
     * ECS gives none, the CloudWatch log group ({@code /ecs/<cluster>}, the stack's) and stream.
     */
    public EcsBuildLiveness liveness() {
        return new EcsBuildLiveness(
                ecs, aws, "/ecs/" + aws.cluster(), records, java.time.Clock.systemUTC());
    }

    /** The size ECS counts for the overrides: their JSON, as RunTask sends it. */
    static int packedSize(String containerName, Map<String, String> env) {
        return EcsCalls.overrides(containerName, env)
                .toString()
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    /**
     * Polls the task until the stream ends or the task stops; a stop without an end becomes FAILED.
     */
    void watch(DeploymentId id, String taskArn) {
        // Until the backend closes (its Redis and ECS clients with it): a build still running then
        // is found again by the reconciler (liveness()), not by this process.
        while (!closed) {
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                return;
            }
            try {
                if (streams.hasTerminal(id)) {
                    return;
                }
                List<Task> tasks = ecs.describeTasks(aws.cluster(), List.of(taskArn)).tasks();
                if (tasks.isEmpty()) {
                    continue;
                }
                Task task = tasks.get(0);
                if (!"STOPPED".equals(task.lastStatus())) {
                    continue;
                }
                // The builder ends its stream before its container exits; give a late write a
                // moment.
                Thread.sleep(Math.min(2000, pollInterval.toMillis()));
                if (streams.hasTerminal(id)) {
                    return;
                }
                String reason = stoppedReason(task);
                // One script: nothing is written when the builder (or a reconciler) has ended the
                // stream meanwhile, so a build never has two terminal events.
                streams.appendTerminalIfNone(
                        id,
                        LogEvent.failed(
                                LogProtocol.LAUNCHER_SEQ,
                                Instant.now(),
                                "ECS stopped the build task "
                                        + taskArn
                                        + " before the build finished: "
                                        + reason));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // ECS or Redis unreachable for a moment: try again at the next poll.
                LOG.warn(
                        "Checking ECS task {} failed, retrying: {}",
                        taskArn,
                        EcsErrors.firstLine(e.getMessage()));
            }
        }
    }

    static String stoppedReason(Task task) {
        StringBuilder reason =
                new StringBuilder(
                        task.stoppedReason() == null ? "no reason given" : task.stoppedReason());
        if (task.stopCode() != null) {
            reason.append(" (").append(task.stopCode()).append(")");
        }
        task.containers()
                .forEach(
                        c -> {
                            if ("STOPPED".equals(c.lastStatus())
                                    && (c.reason() != null || c.exitCode() != null)) {
                                reason.append("; container ").append(c.name());
                                if (c.exitCode() != null) {
                                    reason.append(" exited with ").append(c.exitCode());
                                }
                                if (c.reason() != null) {
                                    reason.append(": ").append(c.reason());
                                }
                            }
                        });
        return reason.toString();
    }

    /** Stops watching the builds this launcher started; the backend closes its clients next. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean cancel(DeploymentId id) {
        List<String> arns;
        try {
            arns = ecs.listTasks(aws.cluster(), id.value(), "RUNNING");
        } catch (RuntimeException e) {
            throw errors.translate("ecs:ListTasks", e);
        }
        if (arns.isEmpty()) {
            return false;
        }
        for (String arn : arns) {
            try {
                ecs.stopTask(aws.cluster(), arn, "Canceled with slipway cancel");
            } catch (RuntimeException e) {
                throw errors.translate("ecs:StopTask", e);
            }
        }
        streams.appendTerminalIfNone(
                id,
                LogEvent.canceled(
                        LogProtocol.LAUNCHER_SEQ, Instant.now(), "Canceled by the user."));
        return true;
    }
}
