package dev.ecsami.operator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IAM policy grants exactly what the adapters call. "What the code calls" is read from the
 * adapter sources (the AWS adapters and the DynamoDB store): SDK clients are always held in variables
 * named after their service ({@code ecs}, {@code asg}, {@code ec2}, {@code ssm}, {@code sns},
 * {@code sqs}, {@code dynamodb}), so each {@code ecs.listTasks(} is one API operation.
 */
class IamPolicyMatchesCodeTest {
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java/dev/ecsami/operator/aws"),
            Path.of("src/main/java/dev/ecsami/operator/store/dynamo"));
    private static final Path POLICY = Path.of("k8s-free-deploy/iam-policy.json");

    /** Client type -> the variable name it must have -> the IAM service prefix. */
    private static final Map<String, String> VARIABLE_BY_CLIENT = Map.of("EcsClient", "ecs", "AutoScalingClient", "asg",
            "Ec2Client", "ec2", "SsmClient", "ssm", "SnsClient", "sns", "SqsClient", "sqs", "DynamoDbClient", "dynamodb");
    private static final Map<String, String> PREFIX_BY_VARIABLE = Map.of("ecs", "ecs", "asg", "autoscaling",
            "ec2", "ec2", "ssm", "ssm", "sns", "sns", "sqs", "sqs", "dynamodb", "dynamodb");
    private static final Pattern CALL = Pattern.compile(
            "\\b(ecs|asg|ec2|ssm|sns|sqs|dynamodb)\\.([a-z][A-Za-z0-9]*)\\(");
    private static final Pattern CLIENT_VARIABLE = Pattern.compile("\\b(EcsClient|AutoScalingClient|Ec2Client|SsmClient"
            + "|SnsClient|SqsClient|DynamoDbClient)\\s+([a-zA-Z_][A-Za-z0-9_]*)\\s*[,;)=]");
    private static final Pattern CALL_LABEL = Pattern.compile("AwsCalls\\.(?:call|allPages)\\(\\s*\"([A-Za-z]+)\"");

    /**
     * Permissions AWS checks on top of the called action (dependent actions), from the Auto Scaling
     * user guide, "Amazon EC2 Auto Scaling API permissions" and "Launch template support".
     */
    private static final Map<String, Set<String>> DEPENDENT = Map.of(
            "autoscaling:UpdateAutoScalingGroup", Set.of("ec2:RunInstances", "ec2:CreateTags", "iam:PassRole"),
            "autoscaling:CreateLaunchConfiguration", Set.of("iam:PassRole", "ec2:DescribeImages",
                    "ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeKeyPairs",
                    "ec2:DescribeSecurityGroups", "ec2:DescribeSpotInstanceRequests", "ec2:DescribeVpcClassicLink"));

    /** Granted ahead of the code: used by the ingestion issue (SNS subscription, SQS queue). Remove once called. */
    private static final Set<String> USED_BY_INGESTION = Set.of("sns:Subscribe", "sns:ConfirmSubscription",
            "sns:ListSubscriptionsByTopic", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility");

    private static Map<Path, String> sources;
    private static JsonNode policy;

    @BeforeAll
    static void read() throws IOException {
        sources = new HashMap<>();
        for (Path folder : SOURCES) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.put(file, Files.readString(file));
                }
            }
        }
        policy = new ObjectMapper().readTree(POLICY.toFile());
    }

    private static Set<String> calledActions() {
        Set<String> actions = new TreeSet<>();
        sources.values().forEach(source -> {
            Matcher m = CALL.matcher(source);
            while (m.find()) {
                String method = m.group(2).replaceFirst("Paginator$", "");
                actions.add(PREFIX_BY_VARIABLE.get(m.group(1)) + ":" + Character.toUpperCase(method.charAt(0))
                        + method.substring(1));
            }
        });
        return actions;
    }

    private static Set<String> grantedActions() {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                JsonNode action = statement.get("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        }
        return actions;
    }

    private static JsonNode statement(String sid) {
        for (JsonNode s : policy.get("Statement")) {
            if (sid.equals(s.path("Sid").asText())) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    @Test
    void policyGrantsExactlyTheActionsTheAdaptersCallAndTheirDependentActions() {
        Set<String> called = calledActions();
        Set<String> needed = new TreeSet<>(called);
        called.forEach(a -> needed.addAll(DEPENDENT.getOrDefault(a, Set.of())));
        needed.addAll(USED_BY_INGESTION);
        Set<String> granted = grantedActions();

        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(needed);
        assertThat(missing).as("called by the adapters but not granted").isEmpty();
        assertThat(unused).as("granted but never called").isEmpty();
        assertThat(called).as("the scan found the adapters' calls").contains("ecs:UpdateContainerInstancesState",
                "autoscaling:DescribeAutoScalingGroups", "ec2:CreateLaunchTemplateVersion", "ssm:GetParameter",
                "dynamodb:UpdateItem");
    }

    @Test
    void everySdkClientIsHeldInAVariableTheScanRecognises() {
        sources.forEach((file, source) -> {
            Matcher m = CLIENT_VARIABLE.matcher(source);
            while (m.find()) {
                assertThat(m.group(2)).as("%s: a %s must be named so the IAM scan sees its calls", file.getFileName(),
                        m.group(1)).isEqualTo(VARIABLE_BY_CLIENT.get(m.group(1)));
            }
        });
    }

    @Test
    void errorsNameTheOperationThatWasCalled() {
        Set<String> labels = new TreeSet<>();
        sources.values().forEach(source -> {
            Matcher m = CALL_LABEL.matcher(source);
            while (m.find()) {
                labels.add(m.group(1));
            }
        });
        Set<String> operations = new TreeSet<>();
        calledActions().forEach(a -> operations.add(a.substring(a.indexOf(':') + 1)));

        assertThat(labels).isEqualTo(operations);
    }

    @Test
    void policyGrantsNoWildcardActions() {
        assertThat(grantedActions()).allSatisfy(a -> assertThat(a).matches("[a-z0-9]+:[A-Z][A-Za-z0-9]+"));
    }

    @Test
    void mutationsAreLimitedToManagedResources() {
        assertThat(statement("EcsDrainContainerInstancesOfManagedClusters").at("/Condition/ArnLike/ecs:cluster")
                .asText()).startsWith("arn:aws:ecs:");
        assertThat(statement("AutoScalingChangeManagedGroups")
                .at("/Condition/StringEquals/autoscaling:ResourceTag~1ecs-ami-operator~1managed").asText())
                .isEqualTo("true");
        assertThat(statement("Ec2VersionManagedLaunchTemplates")
                .at("/Condition/StringEquals/aws:ResourceTag~1ecs-ami-operator~1managed").asText()).isEqualTo("true");
        assertThat(statement("AutoScalingOperatorLaunchConfigurations").get("Resource").asText())
                .endsWith("launchConfigurationName/*-ami-*");
        assertThat(statement("IamPassInstanceRoleToEc2").at("/Condition/StringEquals/iam:PassedToService").asText())
                .isEqualTo("ec2.amazonaws.com");
    }

    @Test
    void ingestionPermissionsStandApartInTheirOwnStatements() {
        List<String> sns = List.of("sns:Subscribe", "sns:ConfirmSubscription", "sns:ListSubscriptionsByTopic");
        List<String> sqs = List.of("sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility");
        assertThat(statement("IngestionSnsAmiUpdateTopic").get("Action")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(sns);
        assertThat(statement("IngestionSqsOperatorQueue").get("Action")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(sqs);
    }
}
