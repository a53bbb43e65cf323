package dev.ecsami.operator.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CloudFormation YAML into plain maps and lists, turning the short-form tags into their
 * long form ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes
 * {@code {Fn::GetAtt: [A, B]}}), exactly as CloudFormation sees them. Duplicate keys are errors.
 */
final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Contains", "EachMemberEquals",
            "EachMemberIn", "Equals", "FindInMap", "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or", "RefAll",
            "Select", "Split", "Sub", "ToJsonString", "Transform", "ValueOf", "ValueOfAll");

    private CfnYaml() {
    }

    static Map<String, Object> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc = new Yaml(new CfnConstructor(options)).load(yaml);
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping, got " + doc);
        }
        return (Map<String, Object>) doc;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
        }

        private Object content(Node node) {
            if (node instanceof ScalarNode s) {
                return constructScalar(s);
            }
            if (node instanceof SequenceNode s) {
                return constructSequence(s);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put(key, content(node));
                return fn;
            }
        }

        /** {@code !GetAtt Resource.Attribute} (the attribute may itself contain dots) or a two-item list. */
        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = content(node);
                if (value instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot < 1 || dot == s.length() - 1) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + s + "'");
                    }
                    value = List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put("Fn::GetAtt", value);
                return fn;
            }
        }
    }
}
