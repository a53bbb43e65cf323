package dev.ecsami.operator.deploy;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the template promises in docs/deploy.md, evaluated for chosen parameter values. */
class CloudFormationContractTest {
    private final Template t = Template.load();

    private Evaluation with(String... keyValues) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        return new Evaluation(t, given);
    }

    private Object serviceSetting(Evaluation e, String... path) {
        Object node = t.properties("Service");
        for (String key : path) {
            node = Template.map(node).get(key);
        }
        return e.value(node);
    }

    @Test
    void twoTasksRunOnlyWithTheSharedStore() {
        Evaluation fileTwo = with("StoreKind", "file", "DesiredCount", "2");
        Evaluation dynamoTwo = with("StoreKind", "dynamodb", "DesiredCount", "2");

        assertThat(fileTwo.rule("TwoTasksNeedSharedStore")).isFalse();
        assertThat(serviceSetting(fileTwo, "DesiredCount")).isEqualTo(1);
        assertThat(dynamoTwo.rule("TwoTasksNeedSharedStore")).isTrue();
        assertThat(serviceSetting(dynamoTwo, "DesiredCount")).isEqualTo(2);
        assertThat(serviceSetting(with("DesiredCount", "0"), "DesiredCount")).isEqualTo(0);
        assertThat(serviceSetting(with(), "DesiredCount")).isEqualTo(1);
    }

    @Test
    void theSharedStoreIsAnOnDemandEncryptedTableWithPointInTimeRecoveryAndTtl() {
        Map<String, Object> table = t.properties("StoreTable");
        Map<String, Object> env = environment(with("StoreKind", "dynamodb"));

        assertThat(t.conditionOf("StoreTable")).contains("IsSharedStore");
        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("SSESpecification", Map.of("SSEEnabled", true))
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true));
        assertThat(String.valueOf(Template.map(table.get("TableName")).get("Fn::Sub"))).startsWith("ecs-ami-operator");
        assertThat(env).containsEntry("OPERATOR_STORE_KIND", "dynamodb")
                .containsEntry("OPERATOR_STORE_TABLE", Map.of("Ref", "StoreTable"));
        assertThat(with("StoreKind", "dynamodb").condition("UseEfs")).isFalse();
        assertThat(with("StoreKind", "file").condition("UseEfs")).isTrue();
    }

    @Test
    void withTheFileStoreTheOldTaskStopsBeforeTheNewOneStarts() {
        assertThat(serviceSetting(with("StoreKind", "file"), "DeploymentConfiguration", "MaximumPercent")).isEqualTo(100);
        assertThat(serviceSetting(with("StoreKind", "file"), "DeploymentConfiguration", "MinimumHealthyPercent"))
                .isEqualTo(0);
    }

    @Test
    void onlyTheEcsAmiTopicMaySendToTheQueueAndItsEnvelopeIsKept() {
        Map<String, Object> subscription = t.properties("AmiUpdatesSubscription");
        Map<String, Object> policy = Template.map(t.properties("AmiUpdatesQueuePolicy").get("PolicyDocument"));
        List<Map<String, Object>> allows = Template.list(policy.get("Statement")).stream().map(Template::map)
                .filter(s -> "Allow".equals(s.get("Effect"))).toList();

        assertThat(subscription).containsEntry("Protocol", "sqs").containsEntry("RawMessageDelivery", false);
        assertThat(String.valueOf(subscription.get("TopicArn")))
                .contains(":177427601217:ecs-optimized-amazon-ami-update");
        assertThat(allows).singleElement().satisfies(s -> {
            assertThat(s.get("Principal")).isEqualTo(Map.of("Service", "sns.amazonaws.com"));
            assertThat(s.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(s.get("Condition")).isEqualTo(Map.of("ArnEquals",
                    Map.of("aws:SourceArn", subscription.get("TopicArn"))));
        });
    }

    @Test
    void theQueueRedrivesToTheDeadLetterQueueAfterTheReceivesTheOperatorAllows() {
        Map<String, Object> queue = t.properties("AmiUpdatesQueue");
        Map<String, Object> redrive = Template.map(queue.get("RedrivePolicy"));
        Map<String, Object> env = environment(with());

        assertThat(redrive.get("maxReceiveCount")).isEqualTo(5);
        assertThat(redrive.get("deadLetterTargetArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("AmiUpdatesDeadLetterQueue", "Arn")));
        assertThat(env.get("OPERATOR_SQS_MAX_RECEIVES")).isEqualTo("5");
        assertThat(env.get("OPERATOR_SQS_VISIBILITY_TIMEOUT")).isEqualTo(queue.get("VisibilityTimeout") + "s");
        assertThat(env.get("OPERATOR_SQS_QUEUE_URL")).isEqualTo(Map.of("Ref", "AmiUpdatesQueue"));
    }

    @Test
    void queueNamesMatchTheQueuePatternOfTheIamPolicyFile() {
        for (String queue : t.resourcesOfType("AWS::SQS::Queue")) {
            assertThat(t.properties(queue).get("QueueName")).as(queue)
                    .isInstanceOfSatisfying(Map.class, sub -> assertThat(String.valueOf(sub.get("Fn::Sub")))
                            .startsWith("ecs-ami-operator-${AWS::StackName}"));
        }
    }

    @Test
    void secretsReachTheContainerOnlyThroughSecrets() {
        Evaluation all = with("SlackWebhookUrlSecretArn", "arn:webhook", "SlackBotTokenSecretArn", "arn:bot",
                "SlackChannel", "C1", "ApiOperatorTokenSecretArn", "arn:ops", "ApiViewerTokenSecretArn", "arn:viewer");
        Map<String, Object> container = container(all);
        Map<String, Object> secrets = Template.list(container.get("Secrets")).stream().map(Template::map)
                .collect(Collectors.toMap(s -> String.valueOf(s.get("Name")), s -> s.get("ValueFrom")));

        assertThat(secrets).isEqualTo(Map.of("OPERATOR_SLACK_WEBHOOK_URL", "arn:webhook",
                "OPERATOR_SLACK_BOT_TOKEN", "arn:bot", "OPERATOR_API_TOKENS_OPS_SECRET", "arn:ops",
                "OPERATOR_API_TOKENS_VIEWER_SECRET", "arn:viewer"));
        assertThat(environment(all).values()).doesNotContain("arn:webhook", "arn:bot", "arn:ops", "arn:viewer");
        assertThat(environment(all)).containsEntry("OPERATOR_API_TOKENS_OPS_ROLE", "operator")
                .containsEntry("OPERATOR_API_TOKENS_VIEWER_ROLE", "viewer");
        assertThat(container(with()).get("Secrets")).isEqualTo(List.of());
        assertThat(Template.map(t.properties("ExecutionRole")).get("Policies"))
                .isInstanceOfSatisfying(Map.class, p -> assertThat(p).containsKey("Fn::If"));
    }

    @Test
    void theTargetIsConfiguredThroughOperatorEnvironmentVariables() {
        Map<String, Object> env = environment(with("TargetName", "prod"));

        assertThat(env).containsKeys("OPERATOR_TARGETS_${TargetName}_CLUSTER",
                "OPERATOR_TARGETS_${TargetName}_AUTO_SCALING_GROUP", "OPERATOR_TARGETS_${TargetName}_AMI",
                "OPERATOR_TARGETS_${TargetName}_ON_NEW_AMI");
        assertThat(env).containsEntry("OPERATOR_BACKEND", "aws").containsEntry("OPERATOR_STORE_KIND", "file")
                .containsEntry("OPERATOR_STORE_DIR", "/data/rollouts");
    }

    @Test
    void theLoadBalancerServesOnlySnsAndApiAndChecksReadiness() {
        Evaluation lb = with("CertificateArn", "arn:cert", "PublicSubnetA", "subnet-a", "PublicSubnetB", "subnet-b");

        assertThat(lb.condition("HasCertificate")).isTrue();
        assertThat(lb.condition("ExposeApi")).isFalse();
        assertThat(with("CertificateArn", "arn:cert", "ApiAllowedCidr", "10.0.0.0/8").condition("ExposeApi")).isTrue();
        assertThat(with().condition("HasCertificate")).isFalse();
        assertThat(t.properties("TargetGroup")).containsEntry("HealthCheckPath", "/q/health/ready")
                .containsEntry("Port", 8080);
        assertThat(Template.map(Template.list(t.properties("HttpsListener").get("DefaultActions")).get(0)))
                .containsEntry("Type", "fixed-response");
        for (String lbResource : List.of("LoadBalancer", "HttpsListener", "TargetGroup", "SnsListenerRule",
                "LoadBalancerSecurityGroup", "TaskIngressFromLoadBalancer")) {
            assertThat(t.conditionOf(lbResource)).as(lbResource).contains("HasCertificate");
        }
        assertThat(t.conditionOf("ApiListenerRule")).contains("ExposeApi");
    }

    @Test
    void theContainerListensOn8080AndChecksLiveness() {
        Map<String, Object> container = container(with());

        assertThat(Template.map(Template.list(container.get("PortMappings")).get(0))).containsEntry("ContainerPort", 8080);
        assertThat(Template.map(container.get("HealthCheck")).get("Command"))
                .isEqualTo(List.of("CMD", "/opt/ecs-ami-operator/healthcheck.sh"));
    }

    private Map<String, Object> container(Evaluation e) {
        Map<String, Object> task = Template.map(e.value(t.properties("TaskDefinition")));
        return Template.map(Template.list(task.get("ContainerDefinitions")).get(0));
    }

    private Map<String, Object> environment(Evaluation e) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object o : Template.list(container(e).get("Environment"))) {
            Map<String, Object> kv = Template.map(o);
            Object name = kv.get("Name");
            String key = name instanceof Map<?, ?> sub ? String.valueOf(sub.get("Fn::Sub")) : String.valueOf(name);
            env.put(key, kv.get("Value"));
        }
        return env;
    }
}
