package dev.ecsami.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task role of the template grants exactly what k8s-free-deploy/iam-policy.json (owned with
 * the AWS adapters) grants: the same actions, statement by statement, with the same condition
 * keys. Resources may be narrower in the template, which knows the cluster, group and queue.
 */
class TaskRolePolicyTest {
    private static final Path POLICY_FILE = Path.of("k8s-free-deploy", "iam-policy.json");

    /** What a statement allows, without its resources. */
    record Grant(String effect, Set<String> actions, Map<String, Set<String>> conditionKeys) {
    }

    @Test
    void taskRoleGrantsExactlyTheActionsOfTheIamPolicyFile() throws IOException {
        Set<String> template = new TreeSet<>();
        templateGrants().values().forEach(g -> template.addAll(g.actions()));
        Set<String> file = new TreeSet<>();
        fileGrants().values().forEach(g -> file.addAll(g.actions()));

        assertThat(template).isNotEmpty().isEqualTo(file);
    }

    @Test
    void everyStatementKeepsTheSidEffectActionsAndConditionKeysOfThePolicyFile() throws IOException {
        assertThat(templateGrants()).isEqualTo(fileGrants());
    }

    @Test
    void theStoreTableIsGrantedOnlyWithTheSharedStoreAndOnlyThatTable() {
        Template t = Template.load();
        Object statements = Template.map(Template.map(Template.list(t.properties("TaskRole").get("Policies")).get(0))
                .get("PolicyDocument")).get("Statement");
        List<Object> withFile = Template.list(new Evaluation(t, Map.of("StoreKind", "file")).value(statements));
        List<Object> withTable = Template.list(new Evaluation(t, Map.of("StoreKind", "dynamodb")).value(statements));

        assertThat(withFile).extracting(s -> Template.map(s).get("Sid")).doesNotContain("DynamoDbStoreTable");
        assertThat(withTable).map(Template::map).filteredOn(s -> "DynamoDbStoreTable".equals(s.get("Sid")))
                .singleElement().satisfies(s -> assertThat(s.get("Resource"))
                        .isEqualTo(Map.of("Fn::GetAtt", List.of("StoreTable", "Arn"))));
    }

    @Test
    void taskRoleHasNoOtherSourceOfPermissions() {
        Map<String, Object> role = Template.load().properties("TaskRole");

        assertThat(role).doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
        assertThat(Template.load().resourcesOfType("AWS::IAM::Policy")).isEmpty();
        assertThat(Template.load().resourcesOfType("AWS::IAM::ManagedPolicy")).isEmpty();
        assertThat(Template.list(role.get("Policies"))).hasSize(1);
    }

    /**
     * Statements of the policy file the template's task never needs: the stack creates the shared
     * store's table itself, so the operator's create-table permissions stay out of the task role.
     */
    private static final Set<String> NOT_IN_THE_STACK = Set.of("DynamoDbCreateStoreTable");

    /** The task role with its widest grants: the shared store on (its statement is conditional). */
    private static Map<String, Grant> templateGrants() {
        Template t = Template.load();
        Map<String, Object> role = Template.map(new Evaluation(t, Map.of("StoreKind", "dynamodb"))
                .value(t.properties("TaskRole")));
        Map<String, Grant> grants = new TreeMap<>();
        for (Object policy : Template.list(role.get("Policies"))) {
            Map<String, Object> doc = Template.map(Template.map(policy).get("PolicyDocument"));
            for (Object s : Template.list(doc.get("Statement"))) {
                Map<String, Object> st = Template.map(s);
                Map<String, Set<String>> keys = new TreeMap<>();
                Template.map(st.get("Condition")).forEach((op, kv) -> keys.put(op, new TreeSet<>(Template.map(kv).keySet())));
                Set<String> actions = new TreeSet<>();
                Template.list(st.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
                assertThat(st).as("statement %s", st.get("Sid")).doesNotContainKey("NotAction");
                grants.put(String.valueOf(st.get("Sid")), new Grant(String.valueOf(st.get("Effect")), actions, keys));
            }
        }
        return grants;
    }

    private static Map<String, Grant> fileGrants() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(POLICY_FILE.toFile());
        Map<String, Grant> grants = new TreeMap<>();
        for (JsonNode st : doc.path("Statement")) {
            assertThat(st.has("NotAction")).as("statement %s", st.path("Sid").asText()).isFalse();
            Set<String> actions = new TreeSet<>(texts(st.path("Action")));
            Map<String, Set<String>> keys = new TreeMap<>();
            st.path("Condition").fields().forEachRemaining(op -> {
                Set<String> k = new TreeSet<>();
                op.getValue().fieldNames().forEachRemaining(k::add);
                keys.put(op.getKey(), k);
            });
            if (!NOT_IN_THE_STACK.contains(st.path("Sid").asText())) {
                grants.put(st.path("Sid").asText(), new Grant(st.path("Effect").asText(), actions, keys));
            }
        }
        return grants;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (!n.isMissingNode()) {
            out.add(n.asText());
        }
        return out;
    }
}
