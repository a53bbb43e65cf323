package dev.ecsami.operator.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references that CloudFormation would reject or resolve to nothing: Ref, Fn::GetAtt,
 * Fn::Sub variables, Fn::If and Condition names, DependsOn, and references to a conditional
 * resource from a place that exists when that resource does not. Also reports parameters and
 * conditions that nothing uses.
 */
final class TemplateReferences {
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "Condition", "DependsOn", "Metadata",
            "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template t;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> usedParameters = new HashSet<>();
    private final Set<String> usedConditions = new HashSet<>();

    private TemplateReferences(Template t) {
        this.t = t;
    }

    static List<String> problems(Template t) {
        TemplateReferences refs = new TemplateReferences(t);
        refs.check();
        return refs.problems;
    }

    private enum Scope { CONDITIONS, RULES, RESOURCES, OUTPUTS }

    private void check() {
        t.root().keySet().stream().filter(k -> !SECTIONS.contains(k))
                .forEach(k -> problems.add("unknown top-level section " + k));
        if (t.resources().isEmpty()) {
            problems.add("no Resources");
        }
        t.conditions().forEach((name, body) -> visit(body, Set.of(), Scope.CONDITIONS, "Conditions." + name));
        t.section("Rules").forEach((name, body) -> visit(body, Set.of(), Scope.RULES, "Rules." + name));
        t.resources().forEach((name, body) -> checkResource(name, Template.map(body)));
        t.section("Outputs").forEach((name, body) -> {
            Map<String, Object> output = Template.map(body);
            Set<String> asserted = ownCondition(output, "Outputs." + name);
            visit(output.get("Value"), asserted, Scope.OUTPUTS, "Outputs." + name);
            visit(output.get("Export"), asserted, Scope.OUTPUTS, "Outputs." + name);
        });
        t.parameters().keySet().stream().filter(p -> !usedParameters.contains(p))
                .forEach(p -> problems.add("parameter " + p + " is never used"));
        t.conditions().keySet().stream().filter(c -> !usedConditions.contains(c))
                .forEach(c -> problems.add("condition " + c + " is never used"));
    }

    private void checkResource(String name, Map<String, Object> body) {
        String where = "Resources." + name;
        body.keySet().stream().filter(k -> !RESOURCE_KEYS.contains(k))
                .forEach(k -> problems.add(where + ": unknown resource attribute " + k));
        if (!(body.get("Type") instanceof String)) {
            problems.add(where + ": no Type");
        }
        Set<String> asserted = ownCondition(body, where);
        for (Object dep : Template.list(body.get("DependsOn"))) {
            requireResource(String.valueOf(dep), asserted, where + ".DependsOn");
        }
        visit(body.get("Properties"), asserted, Scope.RESOURCES, where);
        visit(body.get("Metadata"), asserted, Scope.RESOURCES, where + ".Metadata");
    }

    private Set<String> ownCondition(Map<String, Object> body, String where) {
        Object c = body.get("Condition");
        if (c == null) {
            return Set.of();
        }
        requireCondition(String.valueOf(c), where + ".Condition");
        return Set.of(String.valueOf(c));
    }

    private void visit(Object node, Set<String> asserted, Scope scope, String where) {
        if (node instanceof List<?> list) {
            list.forEach(item -> visit(item, asserted, scope, where));
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        String fn = Template.intrinsic(node).orElse("");
        Object arg = fn.isEmpty() ? null : map.get(fn);
        switch (fn) {
            case "Ref" -> requireRef(String.valueOf(arg), asserted, scope, where);
            case "Condition" -> requireCondition(String.valueOf(arg), where);
            case "Fn::GetAtt" -> getAtt(arg, asserted, scope, where);
            case "Fn::Sub" -> sub(arg, asserted, scope, where);
            case "Fn::If" -> {
                List<Object> args = Template.list(arg);
                if (args.size() != 3 || !(args.get(0) instanceof String cond)) {
                    problems.add(where + ": Fn::If needs [condition, value if true, value if false]");
                    return;
                }
                requireCondition(cond, where);
                Set<String> whenTrue = new LinkedHashSet<>(asserted);
                whenTrue.add(cond);
                visit(args.get(1), whenTrue, scope, where);
                visit(args.get(2), asserted, scope, where);
            }
            default -> map.values().forEach(v -> visit(v, asserted, scope, where));
        }
    }

    private void requireRef(String name, Set<String> asserted, Scope scope, String where) {
        if (PSEUDO_PARAMETERS.contains(name)) {
            return;
        }
        if (t.parameters().containsKey(name)) {
            usedParameters.add(name);
            return;
        }
        if (scope == Scope.CONDITIONS || scope == Scope.RULES) {
            problems.add(where + ": Ref " + name + " must name a parameter here");
            return;
        }
        requireResource(name, asserted, where);
    }

    private void getAtt(Object arg, Set<String> asserted, Scope scope, String where) {
        List<Object> args = Template.list(arg);
        if (args.size() != 2 || !(args.get(0) instanceof String resource)) {
            problems.add(where + ": Fn::GetAtt needs [resource, attribute]");
            return;
        }
        if (scope == Scope.CONDITIONS || scope == Scope.RULES) {
            problems.add(where + ": Fn::GetAtt is not allowed here");
            return;
        }
        requireResource(resource, asserted, where);
    }

    private void sub(Object arg, Set<String> asserted, Scope scope, String where) {
        String text;
        Set<String> local = Set.of();
        if (arg instanceof String s) {
            text = s;
        } else {
            List<Object> args = Template.list(arg);
            if (args.size() != 2 || !(args.get(0) instanceof String s)) {
                problems.add(where + ": Fn::Sub needs a string or [string, variables]");
                return;
            }
            text = s;
            Map<String, Object> vars = Template.map(args.get(1));
            local = vars.keySet();
            vars.values().forEach(v -> visit(v, asserted, scope, where));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String var = m.group(1);
            if (local.contains(var)) {
                continue;
            }
            int dot = var.indexOf('.');
            if (dot > 0 && !var.startsWith("AWS::")) {
                requireResource(var.substring(0, dot), asserted, where + " ${" + var + "}");
            } else {
                requireRef(var, asserted, scope, where + " ${" + var + "}");
            }
        }
    }

    private void requireResource(String name, Set<String> asserted, String where) {
        Object r = t.resources().get(name);
        if (r == null) {
            problems.add(where + ": " + name + " is not a parameter, resource or pseudo parameter");
            return;
        }
        Object cond = Template.map(r).get("Condition");
        if (cond != null && asserted.stream().noneMatch(a -> implies(a, String.valueOf(cond), 0))) {
            problems.add(where + ": refers to " + name + ", which exists only when " + cond
                    + ", from a place that does not depend on " + cond + " (wrap it in !If " + cond + ")");
        }
    }

    private void requireCondition(String name, String where) {
        if (!t.conditions().containsKey(name)) {
            problems.add(where + ": unknown condition " + name);
            return;
        }
        usedConditions.add(name);
    }

    /** Whether condition a being true guarantees condition c: the same, or c is a conjunct of a. */
    private boolean implies(String a, String c, int depth) {
        if (a.equals(c)) {
            return true;
        }
        Object body = t.conditions().get(a);
        if (depth > 10 || !(body instanceof Map<?, ?> m) || !m.containsKey("Fn::And")) {
            return false;
        }
        for (Object part : Template.list(m.get("Fn::And"))) {
            if (part instanceof Map<?, ?> p && p.get("Condition") instanceof String inner && implies(inner, c, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
