package dev.slipway.desktop.launch;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.reconcile.BuildLiveness;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS answer to "is this build's task still there?", without any state of the process that
 * launched it: RunTask tags the task with {@code startedBy=<deploymentId>}, so ListTasks by that
 * value (running and stopped) and DescribeTasks find it again. A STOPPED task is {@link Gone} with
 * ECS's stop reason, or, when ECS gives none, where the task's CloudWatch output is.
 */
public final class EcsBuildLiveness implements BuildLiveness {

    private final EcsClient ecs;
    private final AwsSettings aws;
    private final String logGroup;

    /**
     * @param logGroup the tasks' CloudWatch log group (the stack's {@code /ecs/<stack>}), named in
     *     a reason when ECS gives none
     */
    public EcsBuildLiveness(EcsClient ecs, AwsSettings aws, String logGroup) {
        this.ecs = ecs;
        this.aws = aws;
        this.logGroup = logGroup;
    }

    @Override
    public State state(Slug project, DeploymentId id) {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(
                    ecs.listTasks(
                                    r ->
                                            r.cluster(aws.cluster())
                                                    .startedBy(id.value())
                                                    .desiredStatus(status))
                            .taskArns());
        }
        if (arns.isEmpty()) {
            // ECS forgets stopped tasks after about an hour: nothing known here.
            return new Unknown();
        }
        List<Task> tasks = ecs.describeTasks(r -> r.cluster(aws.cluster()).tasks(arns)).tasks();
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
                                + ", stream builder/"
                                + aws.containerName()
                                + "/"
                                + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1)
                        : "the ECS task stopped: " + EcsLauncher.stoppedReason(task);
        return new Gone(reason);
    }
}
