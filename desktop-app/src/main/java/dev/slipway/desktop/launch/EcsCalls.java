package dev.slipway.desktop.launch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slipway.awsapi.AwsApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS calls Slipway makes (DescribeClusters, DescribeTaskDefinition, RunTask, ListTasks,
 * DescribeTasks, StopTask) as JSON requests over {@link AwsApi}, with the few answer fields it
 * reads. A refusal is the SDK's {@code AwsServiceException} with ECS's error code, which {@link
 * EcsErrors} turns into a sentence.
 */
public final class EcsCalls implements AutoCloseable {

    /** A cluster's name and status ({@code ACTIVE}, {@code INACTIVE}, …). */
    public record Cluster(String name, String status) {}

    /** A container of a task definition. */
    public record ContainerDefinition(String name, String image) {}

    /** A task definition's family, revision and containers. */
    public record TaskDefinition(
            String family, int revision, List<ContainerDefinition> containerDefinitions) {}

    /** A container of a task, with how it stopped. */
    public record Container(String name, String lastStatus, Integer exitCode, String reason) {}

    /** A task as ECS describes it; {@code overrides} is each container's environment override. */
    public record Task(
            String taskArn,
            String lastStatus,
            String stoppedReason,
            String stopCode,
            List<Container> containers,
            Map<String, Map<String, String>> overrides) {}

    /** A failure of RunTask or DescribeTasks. */
    public record Failure(String arn, String reason, String detail) {}

    /** The tasks and failures of RunTask or DescribeTasks. */
    public record Tasks(List<Task> tasks, List<Failure> failures) {}

    /** The network of a Fargate task. */
    public record Network(List<String> subnets, List<String> securityGroups, boolean publicIp) {}

    private final AwsApi api;

    public EcsCalls(AwsApi api) {
        this.api = api;
    }

    public List<Cluster> describeClusters(String cluster) {
        JsonObject request = new JsonObject();
        request.add("clusters", strings(List.of(cluster)));
        List<Cluster> out = new ArrayList<>();
        for (JsonObject c : objects(api.json("DescribeClusters", request), "clusters")) {
            out.add(new Cluster(str(c, "clusterName"), str(c, "status")));
        }
        return out;
    }

    public TaskDefinition describeTaskDefinition(String taskDefinition) {
        JsonObject request = new JsonObject();
        request.addProperty("taskDefinition", taskDefinition);
        JsonObject answer = api.json("DescribeTaskDefinition", request);
        JsonObject td =
                answer.has("taskDefinition")
                        ? answer.getAsJsonObject("taskDefinition")
                        : new JsonObject();
        List<ContainerDefinition> containers = new ArrayList<>();
        for (JsonObject c : objects(td, "containerDefinitions")) {
            containers.add(new ContainerDefinition(str(c, "name"), str(c, "image")));
        }
        return new TaskDefinition(
                str(td, "family"),
                td.has("revision") ? td.get("revision").getAsInt() : 0,
                containers);
    }

    /** RunTask of one FARGATE task, tagged {@code startedBy}, with one container's environment. */
    public Tasks runTask(
            String cluster,
            String taskDefinition,
            String startedBy,
            Network network,
            String container,
            Map<String, String> environment) {
        JsonObject request = new JsonObject();
        request.addProperty("cluster", cluster);
        request.addProperty("taskDefinition", taskDefinition);
        request.addProperty("launchType", "FARGATE");
        request.addProperty("count", 1);
        request.addProperty("startedBy", startedBy);
        JsonObject vpc = new JsonObject();
        vpc.add("subnets", strings(network.subnets()));
        vpc.add("securityGroups", strings(network.securityGroups()));
        vpc.addProperty("assignPublicIp", network.publicIp() ? "ENABLED" : "DISABLED");
        JsonObject networkConfiguration = new JsonObject();
        networkConfiguration.add("awsvpcConfiguration", vpc);
        request.add("networkConfiguration", networkConfiguration);
        request.add("overrides", overrides(container, environment));
        return tasks(api.json("RunTask", request));
    }

    /** The overrides of RunTask, also what ECS counts against its 8 KiB limit. */
    static JsonObject overrides(String container, Map<String, String> environment) {
        JsonArray pairs = new JsonArray();
        environment.forEach(
                (k, v) -> {
                    JsonObject pair = new JsonObject();
                    pair.addProperty("name", k);
                    pair.addProperty("value", v);
                    pairs.add(pair);
                });
        JsonObject override = new JsonObject();
        override.addProperty("name", container);
        override.add("environment", pairs);
        JsonArray containers = new JsonArray();
        containers.add(override);
        JsonObject overrides = new JsonObject();
        overrides.add("containerOverrides", containers);
        return overrides;
    }

    public Tasks describeTasks(String cluster, List<String> taskArns) {
        JsonObject request = new JsonObject();
        request.addProperty("cluster", cluster);
        request.add("tasks", strings(taskArns));
        return tasks(api.json("DescribeTasks", request));
    }

    /** The first page of ListTasks by {@code startedBy} and desired status. */
    public List<String> listTasks(String cluster, String startedBy, String desiredStatus) {
        JsonObject request = new JsonObject();
        request.addProperty("cluster", cluster);
        request.addProperty("startedBy", startedBy);
        request.addProperty("desiredStatus", desiredStatus);
        JsonObject answer = api.json("ListTasks", request);
        List<String> arns = new ArrayList<>();
        if (answer.has("taskArns")) {
            answer.getAsJsonArray("taskArns").forEach(a -> arns.add(a.getAsString()));
        }
        return arns;
    }

    public void stopTask(String cluster, String taskArn, String reason) {
        JsonObject request = new JsonObject();
        request.addProperty("cluster", cluster);
        request.addProperty("task", taskArn);
        request.addProperty("reason", reason);
        api.json("StopTask", request);
    }

    private static Tasks tasks(JsonObject answer) {
        List<Task> tasks = new ArrayList<>();
        for (JsonObject t : objects(answer, "tasks")) {
            List<Container> containers = new ArrayList<>();
            for (JsonObject c : objects(t, "containers")) {
                containers.add(
                        new Container(
                                str(c, "name"),
                                str(c, "lastStatus"),
                                c.has("exitCode") && !c.get("exitCode").isJsonNull()
                                        ? c.get("exitCode").getAsInt()
                                        : null,
                                str(c, "reason")));
            }
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            if (t.has("overrides") && t.get("overrides").isJsonObject()) {
                for (JsonObject o : objects(t.getAsJsonObject("overrides"), "containerOverrides")) {
                    Map<String, String> env = new LinkedHashMap<>();
                    for (JsonObject pair : objects(o, "environment")) {
                        env.put(str(pair, "name"), str(pair, "value"));
                    }
                    overrides.put(str(o, "name"), env);
                }
            }
            tasks.add(
                    new Task(
                            str(t, "taskArn"),
                            str(t, "lastStatus"),
                            str(t, "stoppedReason"),
                            str(t, "stopCode"),
                            containers,
                            overrides));
        }
        List<Failure> failures = new ArrayList<>();
        for (JsonObject f : objects(answer, "failures")) {
            failures.add(new Failure(str(f, "arn"), str(f, "reason"), str(f, "detail")));
        }
        return new Tasks(tasks, failures);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static List<JsonObject> objects(JsonObject parent, String member) {
        List<JsonObject> out = new ArrayList<>();
        JsonElement array = parent.get(member);
        if (array != null && array.isJsonArray()) {
            for (JsonElement e : array.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    out.add(e.getAsJsonObject());
                }
            }
        }
        return out;
    }

    private static String str(JsonObject object, String member) {
        Optional<String> value = AwsApi.string(object, member);
        return value.orElse(null);
    }

    @Override
    public void close() {
        api.close();
    }
}
