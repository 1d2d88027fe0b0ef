package dev.slipway.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildVariableTest {

    @Test
    void namesAreTheContractsVariables() {
        assertThat(BuildVariable.GIT_REPOSITORY_URL.name()).isEqualTo("GIT_REPOSITORY_URL");
        assertThat(BuildVariable.valueOf("BUILD_TIMEOUT_SECONDS"))
                .isEqualTo(BuildVariable.BUILD_TIMEOUT_SECONDS);
    }

    @Test
    void aBlankValueIsNeitherWrittenNorRead() {
        Map<String, String> env = new HashMap<>();
        BuildVariable.GIT_REF.put(env, "  ");
        BuildVariable.ROOT_DIRECTORY.put(env, null);
        BuildVariable.PREVIEW.putFlag(env, false);
        assertThat(env).isEmpty();

        env.put("GIT_REF", "   ");
        assertThat(BuildVariable.GIT_REF.get(env)).isNull();
        assertThat(BuildVariable.GIT_REF.isNamedIn(env)).isTrue();
    }

    @Test
    void whatALauncherWritesTheBuilderReadsBack() {
        Map<String, String> env = new HashMap<>();
        BuildVariable.GIT_REF.put(env, "main");
        BuildVariable.FORCE.putFlag(env, true);
        env.put("OUTPUT_DIRECTORY", " dist ");

        assertThat(BuildVariable.GIT_REF.get(env)).isEqualTo("main");
        assertThat(BuildVariable.FORCE.get(env)).isEqualTo("true");
        assertThat(BuildVariable.OUTPUT_DIRECTORY.get(env)).isEqualTo("dist");
    }

    @Test
    void buildEnvIsOneJsonObjectWithSortedNames() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("VITE_B", "2");
        vars.put("VITE_A", "say \"hi\"");
        assertThat(BuildVariable.buildEnvJson(vars))
                .isEqualTo("{\"VITE_A\":\"say \\\"hi\\\"\",\"VITE_B\":\"2\"}");
        assertThat(BuildVariable.buildEnvJson(Map.of())).isNull();
    }
}
