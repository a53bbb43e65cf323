package dev.ecsami.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks a template against the resource specification: every resource type exists, every
 * property (nested ones included) is a property of its type, required properties are present,
 * lists and structures are where the specification expects them, and every Fn::GetAtt names an
 * attribute of its resource type. Values behind intrinsic functions other than Fn::If are not
 * known before deployment and are not checked; both branches of an Fn::If are.
 */
final class SpecConformance {
    private final Template t;
    private final ResourceSpec spec;
    private final List<String> problems = new ArrayList<>();

    private SpecConformance(Template t, ResourceSpec spec) {
        this.t = t;
        this.spec = spec;
    }

    static List<String> problems(Template t, ResourceSpec spec) {
        SpecConformance c = new SpecConformance(t, spec);
        t.resources().forEach((name, body) -> c.resource(name, Template.map(body)));
        c.getAtts(t.root());
        return c.problems;
    }

    private void resource(String name, Map<String, Object> body) {
        String type = String.valueOf(body.get("Type"));
        JsonNode typeSpec = spec.resourceType(type).orElse(null);
        if (typeSpec == null) {
            problems.add(name + ": resource type " + type + " is not in the specification");
            return;
        }
        object(type, body.get("Properties"), typeSpec.path("Properties"), name + ".Properties", true);
    }

    /** A structure: its keys must be properties in {@code fields}; absent means an empty one. */
    private void object(String type, Object value, JsonNode fields, String path, boolean absentIsEmpty) {
        if (value == null && absentIsEmpty) {
            value = Map.of();
        }
        if (branches(value, v -> object(type, v, fields, path, false))) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": expected a structure, got " + value);
            return;
        }
        map.forEach((k, v) -> {
            JsonNode field = fields.get(String.valueOf(k));
            if (field == null) {
                problems.add(path + ": unknown property " + k);
            } else {
                value(type, v, field, path + "." + k);
            }
        });
        fields.fields().forEachRemaining(e -> {
            if (e.getValue().path("Required").asBoolean(false) && !map.containsKey(e.getKey())) {
                problems.add(path + ": required property " + e.getKey() + " is missing");
            }
        });
    }

    private void value(String type, Object value, JsonNode field, String path) {
        if (branches(value, v -> value(type, v, field, path))) {
            return;
        }
        if (field.has("PrimitiveType")) {
            if (!"Json".equals(field.get("PrimitiveType").asText()) && (value instanceof Map || value instanceof List)) {
                problems.add(path + ": expected a " + field.get("PrimitiveType").asText() + ", got " + value);
            }
            return;
        }
        String kind = field.path("Type").asText();
        switch (kind) {
            case "List" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path + ": expected a list, got " + value);
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    item(type, list.get(i), field, path + "[" + i + "]");
                }
            }
            case "Map" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": expected a map, got " + value);
                    return;
                }
                map.forEach((k, v) -> item(type, v, field, path + "." + k));
            }
            default -> struct(type, kind, value, path);
        }
    }

    private void item(String type, Object value, JsonNode field, String path) {
        if (field.has("PrimitiveItemType")) {
            if (branches(value, v -> item(type, v, field, path))) {
                return;
            }
            if (value instanceof Map || value instanceof List) {
                problems.add(path + ": expected a " + field.get("PrimitiveItemType").asText() + ", got " + value);
            }
            return;
        }
        struct(type, field.path("ItemType").asText(), value, path);
    }

    private void struct(String type, String propertyType, Object value, String path) {
        JsonNode def = spec.propertyType(type, propertyType).orElse(null);
        if (def == null) {
            problems.add(path + ": property type " + type + "." + propertyType + " is not in the specification");
            return;
        }
        if (def.has("Properties")) {
            object(type, value, def.get("Properties"), path, false);
        }
    }

    /**
     * Handles intrinsic values: both branches of Fn::If are checked, AWS::NoValue is fine, any
     * other function is unknown until deployment. Returns false for a plain value.
     */
    private boolean branches(Object value, Consumer<Object> check) {
        String fn = Template.intrinsic(value).orElse("");
        if (fn.isEmpty()) {
            return false;
        }
        if (fn.equals("Fn::If")) {
            List<Object> args = Template.list(((Map<?, ?>) value).get(fn));
            for (Object branch : args.subList(Math.min(1, args.size()), args.size())) {
                if (!Template.isNoValue(branch)) {
                    check.accept(branch);
                }
            }
        }
        return true;
    }

    private void getAtts(Object node) {
        walk(node, (fn, arg) -> {
            if (!fn.equals("Fn::GetAtt")) {
                return;
            }
            List<Object> args = Template.list(arg);
            Object res = t.resources().get(String.valueOf(args.get(0)));
            if (res == null || args.size() != 2) {
                return;
            }
            String type = String.valueOf(Template.map(res).get("Type"));
            spec.resourceType(type).ifPresent(ts -> {
                if (!ts.path("Attributes").has(String.valueOf(args.get(1)))) {
                    problems.add("Fn::GetAtt " + args.get(0) + "." + args.get(1) + ": " + type + " has no attribute "
                            + args.get(1));
                }
            });
        });
    }

    private static void walk(Object node, BiConsumer<String, Object> onIntrinsic) {
        if (node instanceof List<?> list) {
            list.forEach(i -> walk(i, onIntrinsic));
        } else if (node instanceof Map<?, ?> map) {
            Template.intrinsic(node).ifPresent(fn -> onIntrinsic.accept(fn, map.get(fn)));
            map.values().forEach(v -> walk(v, onIntrinsic));
        }
    }
}
