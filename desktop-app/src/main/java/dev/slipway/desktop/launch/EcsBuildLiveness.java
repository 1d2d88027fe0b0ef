package dev.slipway.desktop.launch;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.launch.EcsCalls.Task;
import dev.slipway.desktop.reconcile.BuildLiveness;
import dev.slipway.desktop.reconcile.EcsTaskRecords;
import dev.slipway.desktop.reconcile.KnownBuilds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS answer to "is this build's task still there?", without any state of the process that
 * launched it: RunTask tags the task with {@code startedBy=<deploymentId>}, so ListTasks by that
 * value (running and stopped) and DescribeTasks find it again. A STOPPED task is {@link Gone} with
 * ECS's stop reason, or, when ECS gives none, where the task's CloudWatch output is. The builds
 * this machine started are also known from their {@link EcsTaskRecords}: those are what {@code
 * list} reconciles, and a recorded task that ECS no longer knows (it forgets stopped tasks after
 * about an hour) is gone too. The project of a build known only by its id is its record's, or the
 * task's {@code PROJECT_ID} override (a build started on another machine).
 */
public final class EcsBuildLiveness implements BuildLiveness, KnownBuilds {

    /** How long after its launch a recorded task that ECS does not know may still appear. */
    static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(10);

    private final EcsCalls ecs;
    private final AwsSettings aws;
    private final String logGroup;
    private final EcsTaskRecords records;
    private final Clock clock;
    private final EcsErrors errors;

    /**
     * @param logGroup the tasks' CloudWatch log group (the stack's {@code /ecs/<stack>}), named in
     *     a reason when ECS gives none
     */
    public EcsBuildLiveness(EcsCalls ecs, AwsSettings aws, String logGroup) {
        this(ecs, aws, logGroup, EcsTaskRecords.none(), Clock.systemUTC());
    }

    /**
     * @param records the tasks this machine launched
     */
    public EcsBuildLiveness(
            EcsCalls ecs, AwsSettings aws, String logGroup, EcsTaskRecords records, Clock clock) {
        this.ecs = ecs;
        this.aws = aws;
        this.logGroup = logGroup;
        this.records = records;
        this.clock = clock;
        this.errors = new EcsErrors(aws);
    }

    @Override
    public State state(Slug project, DeploymentId id) {
        try {
            return ask(id);
        } catch (RuntimeException e) {
            throw errors.translate("ecs:DescribeTasks", e);
        }
    }

    private State ask(DeploymentId id) {
        List<Task> tasks = tasksOf(id);
        Optional<EcsTaskRecords.TaskRecord> record = records.read(id);
        if (tasks.isEmpty() && record.isPresent()) {
            EcsCalls.Tasks described =
                    ecs.describeTasks(aws.cluster(), List.of(record.get().taskArn()));
            tasks = described.tasks();
            // ECS answers a forgotten task with the failure MISSING (moto with no failure at all);
            // any other failure says nothing about the task.
            boolean forgotten =
                    tasks.isEmpty()
                            && (described.failures().isEmpty()
                                    || described.failures().stream()
                                            .allMatch(f -> "MISSING".equals(f.reason())));
            if (forgotten && id.createdAt().plus(FORGOTTEN_AFTER).isBefore(clock.instant())) {
                return new Gone(
                        "ECS no longer knows the build task "
                                + record.get().taskArn()
                                + " (it keeps stopped tasks for about an hour), so it stopped without finishing;"
                                + " its output is in CloudWatch log group "
                                + logGroup
                                + ", stream "
                                + logStream(record.get().taskArn()));
            }
        }
        if (tasks.isEmpty()) {
            // Never launched from here and unknown to ECS (or forgotten): nothing known here.
            return new Unknown();
        }
        for (Task task : tasks) {
            if (!"STOPPED".equals(task.lastStatus())) {
                return new Running("ECS task " + task.taskArn());
            }
        }
        Task task = tasks.get(0);
        boolean noReason = task.stoppedReason() == null || task.stoppedReason().isBlank();
        String reason =
                noReason
                        ? "the ECS task "
                                + task.taskArn()
                                + " stopped without a reason; its output is in CloudWatch log group "
                                + logGroup
                                + ", stream "
                                + logStream(task.taskArn())
                        : "the ECS task stopped: " + EcsLauncher.stoppedReason(task);
        return new Gone(reason);
    }

    /** The tasks ECS knows with {@code startedBy=<id>}, running or stopped. */
    private List<Task> tasksOf(DeploymentId id) {
        List<String> arns = new ArrayList<>();
        for (String status : List.of("RUNNING", "STOPPED")) {
            arns.addAll(ecs.listTasks(aws.cluster(), id.value(), status));
        }
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(aws.cluster(), arns).tasks();
    }

    /** The awslogs stream of the builder container: {@code builder/<container>/<task id>}. */
    private String logStream(String taskArn) {
        return "builder/"
                + aws.containerName()
                + "/"
                + taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** The builds this machine launched on the configured cluster that may not have ended. */
    @Override
    public List<Known> known() {
        return records.known();
    }

    @Override
    public Optional<Slug> projectOf(DeploymentId id) {
        Optional<Slug> recorded = records.projectOf(id);
        if (recorded.isPresent()) {
            return recorded;
        }
        try {
            return projectOfTask(id);
        } catch (RuntimeException e) {
            throw errors.translate("ecs:DescribeTasks", e);
        }
    }

    /** The {@code PROJECT_ID} the build's task was started with. */
    private Optional<Slug> projectOfTask(DeploymentId id) {
        for (Task task : tasksOf(id)) {
            for (Map<String, String> environment : task.overrides().values()) {
                Optional<Slug> project =
                        Optional.ofNullable(environment.get("PROJECT_ID"))
                                .filter(Slug::isValid)
                                .map(Slug::of);
                if (project.isPresent()) {
                    return project;
                }
            }
        }
        return Optional.empty();
    }
}
