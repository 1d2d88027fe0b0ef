package dev.slipway.desktop.aws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a CloudFormation YAML template into plain maps and lists, turning the short forms of the
 * intrinsic functions into their long forms, as CloudFormation does: {@code !Ref X} becomes {@code
 * {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub "…"}
 * becomes {@code {"Fn::Sub": "…"}}.
 */
final class CloudFormationYaml {

    static final Path TEMPLATE =
            Path.of("..", "infra", "slipway.yaml").toAbsolutePath().normalize();

    private static final List<String> FUNCTIONS =
            List.of(
                    "Ref",
                    "Condition",
                    "Sub",
                    "GetAtt",
                    "Join",
                    "Select",
                    "Split",
                    "If",
                    "Equals",
                    "Not",
                    "And",
                    "Or",
                    "FindInMap",
                    "GetAZs",
                    "ImportValue",
                    "Base64",
                    "Cidr",
                    "Length",
                    "ToJsonString");

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new Intrinsics(new LoaderOptions())).load(reader);
        }
    }

    private static final class Intrinsics extends SafeConstructor {
        Intrinsics(LoaderOptions options) {
            super(options);
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic(function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (function.equals("GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                String key =
                        function.equals("Ref") || function.equals("Condition")
                                ? function
                                : "Fn::" + function;
                return Map.of(key, value);
            }
        }
    }
}
