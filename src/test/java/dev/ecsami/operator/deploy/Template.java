package dev.ecsami.operator.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed CloudFormation template with typed access to its sections. */
record Template(Map<String, Object> root) {
    static final Path FILE = Path.of("k8s-free-deploy", "cloudformation.yaml");

    static Template load() {
        return new Template(CfnYaml.read(FILE));
    }

    static Template parse(String yaml) {
        return new Template(CfnYaml.parse(yaml));
    }

    Map<String, Object> section(String name) {
        return map(root.get(name));
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String name) {
        Object r = resources().get(name);
        if (r == null) {
            throw new AssertionError("template has no resource " + name);
        }
        return map(r);
    }

    String type(String resourceName) {
        return (String) resource(resourceName).get("Type");
    }

    Map<String, Object> properties(String resourceName) {
        return map(resource(resourceName).get("Properties"));
    }

    Optional<String> conditionOf(String resourceName) {
        return Optional.ofNullable((String) resource(resourceName).get("Condition"));
    }

    List<String> resourcesOfType(String type) {
        List<String> names = new ArrayList<>();
        resources().forEach((name, r) -> {
            if (type.equals(map(r).get("Type"))) {
                names.add(name);
            }
        });
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return new LinkedHashMap<>();
        }
        if (!(o instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List) {
            return (List<Object>) o;
        }
        return List.of(o);
    }

    /** The function name when {@code o} is an intrinsic function ({Ref: ...}, {Fn::X: ...}, {Condition: name}). */
    static Optional<String> intrinsic(Object o) {
        if (o instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            if (key instanceof String k && (k.equals("Ref") || k.startsWith("Fn::")
                    || (k.equals("Condition") && m.get(k) instanceof String))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static boolean isNoValue(Object o) {
        return o instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }
}
