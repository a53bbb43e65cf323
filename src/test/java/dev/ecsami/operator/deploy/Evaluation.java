package dev.ecsami.operator.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the template's conditions and the Fn::If around a value for given parameter values
 * (others take their Default), the way CloudFormation does at deployment.
 */
final class Evaluation {
    private final Template t;
    private final Map<String, String> parameters = new HashMap<>();

    Evaluation(Template t, Map<String, String> given) {
        this.t = t;
        t.parameters().forEach((name, p) -> {
            Object d = Template.map(p).get("Default");
            if (d != null) {
                parameters.put(name, String.valueOf(d));
            }
        });
        parameters.putAll(given);
    }

    boolean condition(String name) {
        Object body = t.conditions().get(name);
        if (body == null) {
            throw new AssertionError("unknown condition " + name);
        }
        return truth(body);
    }

    /** A rule holds when its RuleCondition is false or every assertion is true. */
    boolean rule(String name) {
        Map<String, Object> rule = Template.map(t.section("Rules").get(name));
        if (rule.containsKey("RuleCondition") && !truth(rule.get("RuleCondition"))) {
            return true;
        }
        return Template.list(rule.get("Assertions")).stream().allMatch(a -> truth(Template.map(a).get("Assert")));
    }

    /** The value with Fn::If and parameter Refs resolved, at any depth; other functions are kept. */
    Object value(Object node) {
        String fn = Template.intrinsic(node).orElse("");
        if (fn.equals("Fn::If")) {
            List<Object> args = Template.list(((Map<?, ?>) node).get(fn));
            return value(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
        }
        if (fn.equals("Ref") && parameters.containsKey(String.valueOf(((Map<?, ?>) node).get(fn)))) {
            return parameters.get(String.valueOf(((Map<?, ?>) node).get(fn)));
        }
        if (node instanceof List<?> list) {
            return list.stream().filter(i -> !Template.isNoValue(value(i))).map(this::value).toList();
        }
        if (node instanceof Map<?, ?> map && fn.isEmpty()) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = value(v);
                if (!Template.isNoValue(resolved)) {
                    out.put(String.valueOf(k), resolved);
                }
            });
            return out;
        }
        return node;
    }

    private boolean truth(Object node) {
        Map<?, ?> m = (Map<?, ?>) node;
        String fn = Template.intrinsic(node).orElseThrow(() -> new AssertionError("not a condition: " + node));
        List<Object> args = Template.list(m.get(fn));
        return switch (fn) {
            case "Condition" -> condition(String.valueOf(m.get(fn)));
            case "Fn::Equals" -> String.valueOf(value(args.get(0))).equals(String.valueOf(value(args.get(1))));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            default -> throw new AssertionError("cannot evaluate " + fn);
        };
    }
}
