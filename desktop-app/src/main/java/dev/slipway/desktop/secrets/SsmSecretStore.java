package dev.slipway.desktop.secrets;

import dev.slipway.awsapi.SsmParameters;
import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS mode's secrets: one SSM Parameter Store SecureString per variable, named {@code
 * /slipway/<stack>/projects/<project>/<NAME>} (the stack is the ECS cluster's name, which {@code
 * infra/slipway.yaml} gives the stack's own name). A build's task gets only the path, as {@code
 * SECRETS_PARAMETER_PATH}; the builder reads the values at start with its task role, which may read
 * that path and nothing else. Values never travel in RunTask, so DescribeTasks and CloudTrail's
 * RunTask record show none. A project's clone token is {@code /slipway/<stack>/projects/<project>/
 * git/<host>}: one level below the variables, so the builder never reads it as one, and named by
 * the only host it is offered to.
 */
public final class SsmSecretStore implements SecretStore {

    /** The builder's variable naming the path its secrets are under (contract section 5). */
    public static final String PATH_VARIABLE = BuildVariable.SECRETS_PARAMETER_PATH.name();

    private final SsmParameters ssm;
    private final String stack;

    /**
     * @param stack the stack's name ({@code aws.cluster}), the second segment of every path
     */
    public SsmSecretStore(SsmParameters ssm, String stack) {
        this.ssm = ssm;
        this.stack = stack;
    }

    /** The path of a project's secrets, without a trailing slash. */
    public static String path(String stack, Slug project) {
        return "/slipway/" + stack + "/projects/" + project.value();
    }

    @Override
    public void put(Slug project, String name, String value) {
        String parameter = path(stack, project) + "/" + name;
        call(
                "ssm:PutParameter on " + parameter,
                () -> {
                    ssm.putSecure(
                            parameter,
                            value,
                            "Slipway build variable " + name + " of project " + project.value());
                    return null;
                });
    }

    @Override
    public void remove(Slug project, String name) {
        String parameter = path(stack, project) + "/" + name;
        call(
                "ssm:DeleteParameter on " + parameter,
                () -> {
                    // A parameter already gone is no error: the contract of remove.
                    ssm.delete(parameter);
                    return null;
                });
    }

    @Override
    public void putGitToken(Slug project, String host, String token) {
        String parameter = tokenPath(project) + "/" + host;
        call(
                "ssm:PutParameter on " + parameter,
                () -> {
                    ssm.putSecure(
                            parameter,
                            token,
                            "Slipway clone token of project " + project.value() + " for " + host);
                    return null;
                });
    }

    @Override
    public void removeGitTokens(Slug project) {
        delete(parameterNames(tokenPath(project), false), tokenPath(project));
    }

    private String tokenPath(Slug project) {
        return path(stack, project) + "/git";
    }

    @Override
    public void removeAll(Slug project) {
        // Recursive: the clone tokens under git/ go too.
        delete(parameterNames(path(stack, project), true), path(stack, project));
    }

    private void delete(List<String> all, String under) {
        List<String> names = new ArrayList<>(all);
        for (int i = 0; i < names.size(); i += 10) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 10));
            call(
                    "ssm:DeleteParameters under " + under,
                    () -> {
                        ssm.deleteAll(batch);
                        return null;
                    });
        }
    }

    @Override
    public Set<String> names(Slug project) {
        Set<String> out = new TreeSet<>();
        String prefix = path(stack, project) + "/";
        for (String full : parameterNames(path(stack, project), false)) {
            out.add(full.substring(prefix.length()));
        }
        return out;
    }

    @Override
    public Map<String, String> builderEnvironment(Slug project, DeploymentId id, String gitHost) {
        String token = gitHost == null ? null : tokenPath(project) + "/" + gitHost;
        boolean any =
                parameterNames(path(stack, project), true).stream()
                        .anyMatch(
                                n ->
                                        n.equals(token)
                                                || n.lastIndexOf('/')
                                                        == path(stack, project).length());
        return any ? Map.of(PATH_VARIABLE, path(stack, project)) : Map.of();
    }

    /** The full names of the parameters under a path, read without their values. */
    private List<String> parameterNames(String path, boolean recursive) {
        return call(
                "ssm:GetParametersByPath on " + path,
                () ->
                        ssm.byPath(path, recursive, false).stream()
                                .map(SsmParameters.Parameter::name)
                                .toList());
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String action, Call<T> call) {
        try {
            return call.run();
        } catch (SdkException e) {
            throw SlipwayException.infrastructure(
                    "AWS Systems Manager refused "
                            + action
                            + " ("
                            + firstLine(e.getMessage())
                            + "); check that the profile may use SSM Parameter Store in this region, with 'slipway doctor'.",
                    e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
