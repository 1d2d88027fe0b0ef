package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security properties of {@code infra/slipway.yaml}, read from the template itself: a private
 * bucket, least-privilege roles with no wildcard actions and no wildcard resources beyond the
 * bucket's own prefixes, a builder with no inbound traffic and its Redis URL out of its plain
 * environment, and the outputs {@code aws init} reads.
 */
class InfraTemplateTest {

    private static final String BUCKET = "${SiteBucket.Arn}";
    private static final List<String> BUILDER_PREFIXES =
            List.of("blobs", "deployments", "projects", "logs", "cache");
    private static final List<String> PROXY_PREFIXES = List.of("blobs", "deployments", "projects");
    private static final String SECRETS =
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/slipway/${AWS::StackName}/projects/*";
    private static final String KMS_KEYS =
            "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*";

    private static Map<String, Object> template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void load() throws IOException {
        template = CloudFormationYaml.load(CloudFormationYaml.TEMPLATE);
        resources = map(template, "Resources");
    }

    // ------------------------------------------------------------------ bucket

    @Test
    void bucketBlocksEveryKindOfPublicAccess() {
        Map<String, Object> block = map(properties("SiteBucket"), "PublicAccessBlockConfiguration");
        assertThat(block)
                .containsEntry("BlockPublicAcls", true)
                .containsEntry("BlockPublicPolicy", true)
                .containsEntry("IgnorePublicAcls", true)
                .containsEntry("RestrictPublicBuckets", true);
        assertThat(properties("SiteBucket"))
                .doesNotContainKeys("AccessControl", "WebsiteConfiguration", "CorsConfiguration");
        Map<String, Object> ownership =
                cast(list(map(properties("SiteBucket"), "OwnershipControls"), "Rules").get(0));
        assertThat(ownership).containsEntry("ObjectOwnership", "BucketOwnerEnforced");
    }

    @Test
    void bucketEncryptsAtRest() {
        List<Object> rules =
                list(
                        map(properties("SiteBucket"), "BucketEncryption"),
                        "ServerSideEncryptionConfiguration");
        assertThat(rules).isNotEmpty();
        for (Object rule : rules) {
            String algorithm =
                    (String) map(cast(rule), "ServerSideEncryptionByDefault").get("SSEAlgorithm");
            assertThat(algorithm).isIn("AES256", "aws:kms", "aws:kms:dsse");
        }
    }

    @Test
    void noBucketPolicyAllowsAnyone() {
        int policies = 0;
        for (String name : resourcesOfType("AWS::S3::BucketPolicy")) {
            policies++;
            for (Map<String, Object> statement :
                    statements(map(properties(name), "PolicyDocument"))) {
                if ("Allow".equals(statement.get("Effect"))) {
                    assertThat(isEveryone(statement.get("Principal")))
                            .as("%s allows a public principal: %s", name, statement)
                            .isFalse();
                }
            }
        }
        assertThat(policies).as("the bucket's TLS-only policy").isEqualTo(1);
    }

    @Test
    void bucketRefusesPlainHttp() {
        Map<String, Object> statement =
                statements(map(properties("SiteBucketPolicy"), "PolicyDocument")).get(0);
        assertThat(statement).containsEntry("Effect", "Deny");
        assertThat(map(map(statement, "Condition"), "Bool"))
                .containsEntry("aws:SecureTransport", "false");
        assertThat(rendered(statement.get("Resource")))
                .containsExactlyInAnyOrder(BUCKET, BUCKET + "/*");
    }

    // ------------------------------------------------------------------ roles

    @Test
    void builderMayOnlyReadAndWriteTheContractsPrefixesAndListTheBucket() {
        Set<String> expected = new TreeSet<>();
        for (String prefix : BUILDER_PREFIXES) {
            expected.add("s3:GetObject " + BUCKET + "/" + prefix + "/*");
            expected.add("s3:PutObject " + BUCKET + "/" + prefix + "/*");
            expected.add("s3:AbortMultipartUpload " + BUCKET + "/" + prefix + "/*");
        }
        expected.add("s3:ListBucket " + BUCKET);
        expected.add("ssm:GetParametersByPath " + SECRETS);
        expected.add("ssm:GetParameter " + SECRETS);
        expected.add("kms:Decrypt " + KMS_KEYS);
        assertThat(grants("BuilderTaskRole")).containsExactlyElementsOf(expected);
    }

    @Test
    void builderDecryptsOnlyThroughSsmAndOnlyTheStacksBuildSecrets() {
        Map<String, Object> decrypt =
                statements(
                                map(
                                        cast(
                                                list(properties("BuilderTaskRole"), "Policies")
                                                        .get(0)),
                                        "PolicyDocument"))
                        .stream()
                        .filter(st -> "kms:Decrypt".equals(st.get("Action")))
                        .findFirst()
                        .orElseThrow();
        Map<String, Object> condition = map(decrypt, "Condition");
        assertThat(rendered(map(condition, "StringEquals").get("kms:ViaService")))
                .containsExactly("ssm.${AWS::Region}.amazonaws.com");
        assertThat(
                        rendered(
                                map(condition, "StringLike")
                                        .get("kms:EncryptionContext:PARAMETER_ARN")))
                .containsExactly(SECRETS);
        assertThat(rendered(map(map(template, "Outputs"), "SecretsPath").get("Value")))
                .as("the path SsmSecretStore writes under, for the cluster named after the stack")
                .containsExactly("/slipway/${AWS::StackName}/projects");
        assertThat(properties("Cluster").get("ClusterName"))
                .isEqualTo(Map.of("Ref", "AWS::StackName"));
    }

    @Test
    void builderCannotDeleteAnything() {
        assertThat(grants("BuilderTaskRole")).noneMatch(g -> g.contains("Delete"));
    }

    @Test
    void proxyMayOnlyReadWhatItServes() {
        Set<String> expected = new TreeSet<>();
        for (String prefix : PROXY_PREFIXES) {
            expected.add("s3:GetObject " + BUCKET + "/" + prefix + "/*");
        }
        expected.add("s3:ListBucket " + BUCKET);
        assertThat(grants("ProxyTaskRole")).containsExactlyElementsOf(expected);
    }

    @Test
    void executionRoleOnlyPullsOurImagesWritesOurLogsAndReadsTheRedisParameter() {
        String parameter =
                "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${RedisUrlParameterName}";
        Set<String> expected = new TreeSet<>();
        expected.add("ecr:GetAuthorizationToken *");
        for (String action :
                List.of(
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage")) {
            expected.add(action + " ${BuilderRepository.Arn}");
            expected.add(action + " ${ProxyRepository.Arn}");
        }
        expected.add("logs:CreateLogStream ${LogGroup.Arn}");
        expected.add("logs:PutLogEvents ${LogGroup.Arn}");
        expected.add("ssm:GetParameters " + parameter);
        expected.add(
                "ssm:GetParameters "
                        + parameter.replace("RedisUrlParameterName", "GitTokenParameterName"));
        assertThat(grants("TaskExecutionRole")).containsExactlyElementsOf(expected);
    }

    @Test
    void noPolicyHasAWildcardActionOrAWildcardResourceBeyondTheBucketPrefixes() {
        Set<String> allowedStarResources = new LinkedHashSet<>();
        for (String prefix : BUILDER_PREFIXES) {
            allowedStarResources.add(BUCKET + "/" + prefix + "/*");
        }
        // The stack's build secrets, and the keys SSM decrypts them with (only through SSM, only
        // for those parameters: builderDecryptsOnlyThroughSsmAndOnlyTheStacksBuildSecrets).
        allowedStarResources.add(SECRETS);
        allowedStarResources.add(KMS_KEYS);
        List<String> roles = new ArrayList<>(resourcesOfType("AWS::IAM::Role"));
        roles.addAll(resourcesOfType("AWS::IAM::Policy"));
        roles.addAll(resourcesOfType("AWS::IAM::ManagedPolicy"));
        assertThat(roles).contains("TaskExecutionRole", "BuilderTaskRole", "ProxyTaskRole");
        for (String role : roles) {
            assertThat(properties(role))
                    .as("%s must not hide permissions in managed policies", role)
                    .doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
            for (String grant : grants(role)) {
                String action = grant.substring(0, grant.indexOf(' '));
                String resource = grant.substring(grant.indexOf(' ') + 1);
                assertThat(action)
                        .as("%s grants a wildcard action: %s", role, grant)
                        .doesNotContain("*");
                if (resource.equals("*")) {
                    // AWS offers no narrower resource for this action (it issues a registry login
                    // token).
                    assertThat(action)
                            .as("%s grants %s on every resource", role, action)
                            .isEqualTo("ecr:GetAuthorizationToken");
                } else if (resource.contains("*")) {
                    assertThat(allowedStarResources)
                            .as("%s: wildcard resource in %s", role, grant)
                            .contains(resource);
                }
            }
        }
    }

    @Test
    void onlyEcsTasksOfThisAccountMayAssumeTheRoles() {
        for (String role : resourcesOfType("AWS::IAM::Role")) {
            for (Map<String, Object> statement :
                    statements(map(properties(role), "AssumeRolePolicyDocument"))) {
                assertThat(statement)
                        .containsEntry("Effect", "Allow")
                        .containsEntry("Action", "sts:AssumeRole");
                assertThat(map(statement, "Principal"))
                        .isEqualTo(Map.of("Service", "ecs-tasks.amazonaws.com"));
                assertThat(map(map(statement, "Condition"), "StringEquals"))
                        .containsEntry("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"));
            }
        }
    }

    // ------------------------------------------------------------------ the build task

    @Test
    void builderTaskIsAFargateTaskWithItsOwnMemoryBucketAndLogs() {
        Map<String, Object> task = properties("BuilderTaskDefinition");
        assertThat(list(task, "RequiresCompatibilities")).containsExactly("FARGATE");
        assertThat(task).containsEntry("NetworkMode", "awsvpc");
        assertThat(rendered(task.get("TaskRoleArn"))).containsExactly("${BuilderTaskRole.Arn}");
        assertThat(rendered(task.get("ExecutionRoleArn")))
                .containsExactly("${TaskExecutionRole.Arn}");
        Map<String, Object> builder = container(task, "builder");
        assertThat(builder).containsKey("Memory");
        assertThat(environment(builder)).containsEntry("S3_BUCKET", Map.of("Ref", "SiteBucket"));
        Map<String, Object> logs = map(builder, "LogConfiguration");
        assertThat(logs).containsEntry("LogDriver", "awslogs");
        assertThat(map(logs, "Options")).containsEntry("awslogs-group", Map.of("Ref", "LogGroup"));
    }

    @Test
    void secretsReachTasksOnlyAsSecretsThatTheExecutionRoleMayReadAndNeverAsPlainEnvironment() {
        Set<String> readable = new TreeSet<>();
        for (String grant : grants("TaskExecutionRole")) {
            if (grant.startsWith("ssm:GetParameters ")) {
                readable.add(grant.substring(grant.indexOf(' ') + 1));
            }
        }
        Set<String> used = new TreeSet<>();
        for (String taskName : resourcesOfType("AWS::ECS::TaskDefinition")) {
            for (Object c : list(properties(taskName), "ContainerDefinitions")) {
                Map<String, Object> container = cast(c);
                assertThat(environment(container))
                        .as(taskName)
                        .doesNotContainKeys("REDIS_URL", "GIT_TOKEN");
                for (List<Map<String, Object>> variant : secretVariants(container)) {
                    List<String> names =
                            variant.stream().map(secret -> (String) secret.get("Name")).toList();
                    assertThat(names).as(taskName).contains("REDIS_URL");
                    if (!taskName.equals("BuilderTaskDefinition")) {
                        assertThat(names)
                                .as("only builds may get the Git token")
                                .doesNotContain("GIT_TOKEN");
                    }
                    variant.forEach(secret -> used.addAll(rendered(secret.get("ValueFrom"))));
                }
            }
        }
        assertThat(readable)
                .as("the execution role reads exactly the parameters tasks use")
                .isEqualTo(used);
    }

    @Test
    void gitTokenIsOptionalAndOffByDefault() {
        assertThat(map(map(template, "Parameters"), "GitTokenParameterName"))
                .containsEntry("Default", "");
        List<List<Map<String, Object>>> variants =
                secretVariants(container(properties("BuilderTaskDefinition"), "builder"));
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0))
                .extracting(secret -> secret.get("Name"))
                .containsExactly("REDIS_URL", "GIT_TOKEN");
        assertThat(variants.get(1))
                .extracting(secret -> secret.get("Name"))
                .containsExactly("REDIS_URL");
        assertThat(map(map(template, "Conditions"), "HasGitToken"))
                .isEqualTo(
                        Map.of(
                                "Fn::Not",
                                List.of(
                                        Map.of(
                                                "Fn::Equals",
                                                List.of(
                                                        Map.of("Ref", "GitTokenParameterName"),
                                                        "")))));
    }

    /**
     * A container's secrets as each condition would give them (one variant without a condition).
     */
    private static List<List<Map<String, Object>>> secretVariants(Map<String, Object> container) {
        Object secrets = container.get("Secrets");
        List<List<Map<String, Object>>> variants = new ArrayList<>();
        if (secrets instanceof Map<?, ?> conditional) {
            List<Object> branches = cast(conditional.get("Fn::If"));
            variants.add(cast(branches.get(1)));
            variants.add(cast(branches.get(2)));
        } else {
            variants.add(cast(secrets));
        }
        return variants;
    }

    @Test
    void builderSecurityGroupLetsNothingIn() {
        assertThat(properties("BuilderSecurityGroup")).doesNotContainKey("SecurityGroupIngress");
        for (String ingress : resourcesOfType("AWS::EC2::SecurityGroupIngress")) {
            assertThat(String.valueOf(properties(ingress).get("GroupId")))
                    .doesNotContain("BuilderSecurityGroup");
        }
    }

    // ------------------------------------------------------------------ the optional proxy

    @Test
    void proxyServiceIsOffByDefaultAndServesOnlyTheDomainsSubdomains() {
        assertThat(map(map(template, "Parameters"), "EnableProxyService"))
                .containsEntry("Default", "false");
        for (String name : List.of("ProxyService", "LoadBalancer", "ProxyTaskDefinition")) {
            assertThat(resource(name).get("Condition")).as(name).isEqualTo("ProxyEnabled");
        }
        for (String rule : resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule")) {
            Map<String, Object> condition = cast(list(properties(rule), "Conditions").get(0));
            assertThat(condition).containsEntry("Field", "host-header");
            assertThat(rendered(list(map(condition, "HostHeaderConfig"), "Values").get(0)))
                    .containsExactly("*.${Domain}");
        }
        for (String listener : resourcesOfType("AWS::ElasticLoadBalancingV2::Listener")) {
            Object actions = properties(listener).get("DefaultActions");
            List<Object> choices =
                    actions instanceof Map<?, ?> conditional
                            ? List.of(
                                    ((List<?>) conditional.get("Fn::If")).get(1),
                                    ((List<?>) conditional.get("Fn::If")).get(2))
                            : List.of(actions);
            for (Object choice : choices) {
                Map<String, Object> action = cast(((List<?>) choice).get(0));
                assertThat(action.get("Type"))
                        .as("%s must not forward unknown hosts", listener)
                        .isIn("fixed-response", "redirect");
            }
        }
    }

    @Test
    void onePort80ListenerWhoseActionSwitchesWithTheCertificate() {
        List<String> port80 =
                resourcesOfType("AWS::ElasticLoadBalancingV2::Listener").stream()
                        .filter(l -> String.valueOf(properties(l).get("Port")).equals("80"))
                        .toList();
        assertThat(port80).containsExactly("HttpListener");
        assertThat(resource("HttpListener").get("Condition")).isEqualTo("ProxyEnabled");
        Map<?, ?> actions = (Map<?, ?>) properties("HttpListener").get("DefaultActions");
        List<?> choice = (List<?>) actions.get("Fn::If");
        assertThat(choice.get(0)).isEqualTo("ProxyWithTls");
        assertThat(((Map<?, ?>) ((List<?>) choice.get(1)).get(0)).get("Type"))
                .isEqualTo("redirect");
        assertThat(((Map<?, ?>) ((List<?>) choice.get(2)).get(0)).get("Type"))
                .isEqualTo("fixed-response");
    }

    @Test
    void proxyTaskHasRoomBeyondItsHeapAndTheTasksOutputExpires() {
        Map<String, Object> proxy = properties("ProxyTaskDefinition");
        assertThat(Integer.parseInt(String.valueOf(proxy.get("Memory"))))
                .isGreaterThanOrEqualTo(1024);
        Map<String, Object> container = cast(list(proxy, "ContainerDefinitions").get(0));
        assertThat(Integer.parseInt(String.valueOf(container.get("Memory"))))
                .isGreaterThanOrEqualTo(1024);
        assertThat(properties("LogGroup").get("RetentionInDays")).isNotNull();
        assertThat(map(map(template, "Parameters"), "LogRetentionDays")).containsKey("Default");
    }

    @Test
    void proxyTasksAcceptTrafficOnlyFromTheLoadBalancer() {
        List<Object> ingress = list(properties("ProxySecurityGroup"), "SecurityGroupIngress");
        assertThat(ingress).hasSize(1);
        Map<String, Object> rule = cast(ingress.get(0));
        assertThat(rule)
                .doesNotContainKeys("CidrIp", "CidrIpv6")
                .containsEntry("FromPort", 8000)
                .containsEntry("ToPort", 8000);
        assertThat(rendered(rule.get("SourceSecurityGroupId")))
                .containsExactly("${LoadBalancerSecurityGroup.GroupId}");
    }

    // ------------------------------------------------------------------ outputs

    @Test
    void outputsHoldEverythingAwsInitReads() {
        Map<String, Object> outputs = map(template, "Outputs");
        for (String key : StackOutputs.REQUIRED) {
            assertThat(outputs).as("output %s", key).containsKey(key);
            assertThat(map(outputs, key))
                    .as("output %s must always exist", key)
                    .doesNotContainKey("Condition");
        }
        assertThat(map(outputs, StackOutputs.BASE_DOMAIN))
                .containsEntry("Condition", "ProxyEnabled");
        assertThat(map(outputs, StackOutputs.TASK_DEFINITION).get("Value"))
                .isEqualTo(properties("BuilderTaskDefinition").get("Family"));
        assertThat(map(outputs, StackOutputs.CONTAINER_NAME).get("Value")).isEqualTo("builder");
        assertThat(map(outputs, StackOutputs.CLUSTER).get("Value"))
                .isEqualTo(Map.of("Ref", "Cluster"));
        assertThat(map(outputs, StackOutputs.BUCKET).get("Value"))
                .isEqualTo(Map.of("Ref", "SiteBucket"));
        assertThat(rendered(map(outputs, StackOutputs.SECURITY_GROUPS).get("Value")))
                .containsExactly("${BuilderSecurityGroup.GroupId}");
    }

    // ------------------------------------------------------------------ reading the template

    /** Every (action, resource) pair a role or policy allows, as "action resource", sorted. */
    private static Set<String> grants(String name) {
        Map<String, Object> props = properties(name);
        List<Map<String, Object>> documents = new ArrayList<>();
        if (props.containsKey("PolicyDocument")) {
            documents.add(map(props, "PolicyDocument"));
        }
        if (props.containsKey("Policies")) {
            for (Object policy : list(props, "Policies")) {
                documents.add(map(cast(policy), "PolicyDocument"));
            }
        }
        Set<String> grants = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            for (Map<String, Object> statement : statements(document)) {
                assertThat(statement)
                        .as(name)
                        .containsEntry("Effect", "Allow")
                        .doesNotContainKeys("NotAction", "NotResource", "NotPrincipal");
                for (String action : rendered(statement.get("Action"))) {
                    for (String resource : rendered(statement.get("Resource"))) {
                        grants.add(action + " " + resource);
                    }
                }
            }
        }
        return grants;
    }

    private static boolean isEveryone(Object principal) {
        if ("*".equals(principal)) {
            return true;
        }
        if (principal instanceof Map<?, ?> m) {
            return rendered(m.get("AWS")).contains("*");
        }
        return false;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> document) {
        Object statement = document.get("Statement");
        List<Map<String, Object>> out = new ArrayList<>();
        if (statement instanceof List<?> l) {
            l.forEach(s -> out.add(cast(s)));
        } else {
            out.add(cast(statement));
        }
        return out;
    }

    /**
     * A value as the strings it stands for: {@code !GetAtt A.Arn} as {@code ${A.Arn}}, {@code !Sub}
     * as its text.
     */
    private static List<String> rendered(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(v -> out.addAll(rendered(v)));
            return out;
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        Map<String, Object> m = cast(value);
        if (m.containsKey("Fn::If")) {
            // Either branch may be what AWS gets: both count.
            List<Object> branches = cast(m.get("Fn::If"));
            List<String> out = new ArrayList<>(rendered(branches.get(1)));
            out.addAll(rendered(branches.get(2)));
            return out;
        }
        if (m.containsKey("Fn::Sub")) {
            Object sub = m.get("Fn::Sub");
            return List.of(sub instanceof List<?> l ? (String) l.get(0) : (String) sub);
        }
        if (m.containsKey("Fn::GetAtt")) {
            List<Object> att = cast(m.get("Fn::GetAtt"));
            return List.of("${" + att.get(0) + "." + att.get(1) + "}");
        }
        if (m.containsKey("Ref")) {
            return List.of("${" + m.get("Ref") + "}");
        }
        throw new AssertionError("unexpected value in a policy: " + value);
    }

    private static Map<String, Object> container(Map<String, Object> task, String name) {
        for (Object c : list(task, "ContainerDefinitions")) {
            Map<String, Object> container = cast(c);
            if (name.equals(container.get("Name"))) {
                return container;
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static Map<String, Object> environment(Map<String, Object> container) {
        Map<String, Object> env = new java.util.LinkedHashMap<>();
        Object entries = container.get("Environment");
        if (entries != null) {
            for (Object e : (List<?>) entries) {
                Map<String, Object> pair = cast(e);
                env.put((String) pair.get("Name"), pair.get("Value"));
            }
        }
        return env;
    }

    private static List<String> resourcesOfType(String type) {
        List<String> names = new ArrayList<>();
        resources.forEach(
                (name, r) -> {
                    Map<String, Object> resource = cast(r);
                    if (type.equals(resource.get("Type"))) {
                        names.add(name);
                    }
                });
        return names;
    }

    private static Map<String, Object> resource(String name) {
        assertThat(resources).as("resource %s", name).containsKey(name);
        return cast(resources.get(name));
    }

    private static Map<String, Object> properties(String name) {
        return map(resource(name), "Properties");
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("key %s", key).containsKey(key);
        return cast(parent.get(key));
    }

    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("key %s", key).containsKey(key);
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
