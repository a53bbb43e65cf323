package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.instance;
import static dev.ecsami.operator.aws.AsgFixtures.launchTemplate;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersion;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersions;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.EcsFixtures.ciArn;
import static dev.ecsami.operator.aws.EcsFixtures.containerInstance;
import static dev.ecsami.operator.aws.EcsFixtures.describedInstances;
import static dev.ecsami.operator.aws.EcsFixtures.describedServices;
import static dev.ecsami.operator.aws.EcsFixtures.describedTasks;
import static dev.ecsami.operator.aws.EcsFixtures.list;
import static dev.ecsami.operator.aws.EcsFixtures.service;
import static dev.ecsami.operator.aws.EcsFixtures.serviceArn;
import static dev.ecsami.operator.aws.EcsFixtures.task;
import static dev.ecsami.operator.aws.EcsFixtures.taskContainer;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefinition;

/**
 * Figure 2, real adapters: the AWS reads of one warm reconcile tick ({@link AutoScalingFleet} and
 * {@link EcsContainerInstances} with {@link TaskDetail#DRAINING}, as the runner reads after
 * pre-flight) through the AWS SDK against a WireMock stand-in on loopback answering a static fleet
 * of N instances and S services, one of the instances DRAINING with two tasks left.
 */
public final class ReadsPerTickBench {
    private static final int TASK_DEFINITIONS = 5;

    private ReadsPerTickBench() {
    }

    /** Reads by operation of one warm tick (task definitions already cached by a first tick). */
    public static Map<String, Integer> warmTick(int n, int s) {
        WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(8));
        wm.start();
        try (AwsClients clients = new AwsClients(TestConfig.against(wm.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret")))) {
            stubAccount(wm, n, s);
            AutoScalingFleet fleet = new AutoScalingFleet(clients.autoScaling(), clients.ec2());
            EcsContainerInstances ecs = new EcsContainerInstances(clients.ecs());
            fleet.describe(GROUP);
            ecs.describe("production", TaskDetail.DRAINING);
            wm.resetRequests();
            int instances = fleet.describe(GROUP).instances().size();
            ClusterState cluster = ecs.describe("production", TaskDetail.DRAINING);
            if (instances != n || cluster.instances().size() != n || cluster.services().size() != s) {
                throw new IllegalStateException("stub answered " + instances + " instances, "
                        + cluster.instances().size() + " container instances, " + cluster.services().size()
                        + " services");
            }
            return callsByOperation(wm);
        } finally {
            wm.stop();
        }
    }

    private static void stubAccount(WireMockServer wm, int n, int s) {
        StringBuilder instances = new StringBuilder();
        for (int i = 0; i < n; i++) {
            instances.append("<member>").append(instance(ec2Id(i), i % 2 == 0 ? "us-east-1a" : "us-east-1b",
                    "InService", "Healthy", launchTemplate("7"))).append("</member>");
        }
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, n, n + 10, n, launchTemplate("$Default"), instances.toString(), "")))));
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").willReturn(ec2("DescribeLaunchTemplateVersions",
                templateVersions(null, templateVersion(7, true, OLD_AMI, "base", "")))));

        List<String> arns = IntStream.range(0, n).mapToObj(i -> ciArn("ci" + i)).toList();
        for (int page = 0; page * 100 < n; page++) {
            List<String> slice = arns.subList(page * 100, Math.min(n, page * 100 + 100));
            String next = page * 100 + 100 < n ? "page" + (page + 1) : null;
            var call = ecsCall("ListContainerInstances");
            call = page == 0 ? call.withRequestBody(notContaining("nextToken"))
                    : call.withRequestBody(containing("\"page" + page + "\""));
            wm.stubFor(call.willReturn(json(list("containerInstanceArns", slice, next))));
            int from = page * 100;
            wm.stubFor(ecsCall("DescribeContainerInstances").withRequestBody(containing(ciArn("ci" + from) + "\""))
                    .willReturn(json(describedInstances(IntStream.range(from, from + slice.size())
                            .mapToObj(i -> containerInstance("ci" + i, ec2Id(i), i == 0 ? "DRAINING" : "ACTIVE",
                                    OLD_AMI, 1024, 4096, List.of("22", "80"), 2, 0)).toList()))));
        }
        List<String> tasks = List.of("t1", "t2");
        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns",
                tasks.stream().map(EcsFixtures::taskArn).toList(), null))));
        wm.stubFor(ecsCall("DescribeTasks").willReturn(json(describedTasks(tasks.stream()
                .map(t -> task(t, "ci0", "service:svc0", "256", "512",
                        List.of(taskContainer("256", "512", null, List.of())))).toList()))));

        List<String> services = IntStream.range(0, s).mapToObj(i -> "svc" + i).toList();
        for (int page = 0; page * 100 < s; page++) {
            String next = page * 100 + 100 < s ? "svcpage" + (page + 1) : null;
            var call = ecsCall("ListServices");
            call = page == 0 ? call.withRequestBody(notContaining("nextToken"))
                    : call.withRequestBody(containing("\"svcpage" + page + "\""));
            wm.stubFor(call.willReturn(json(list("serviceArns", services.subList(page * 100,
                    Math.min(s, page * 100 + 100)).stream().map(EcsFixtures::serviceArn).toList(), next))));
        }
        for (int batch = 0; batch * 10 < s; batch++) {
            wm.stubFor(ecsCall("DescribeServices").withRequestBody(containing(serviceArn("svc" + batch * 10) + "\""))
                    .willReturn(json(describedServices(services.subList(batch * 10, Math.min(s, batch * 10 + 10))
                            .stream().map(name -> service(name, taskDefinitionOf(name), 4, 4, List.of())).toList()))));
        }
        for (int t = 0; t < TASK_DEFINITIONS; t++) {
            String arn = taskDefArn("app" + t + ":1");
            wm.stubFor(ecsCall("DescribeTaskDefinition").withRequestBody(containing(arn + "\""))
                    .willReturn(json(taskDefinition(arn, "bridge", "256", "512", List.of()))));
        }
    }

    private static String ec2Id(int i) {
        return String.format("i-%017d", i);
    }

    private static String taskDefinitionOf(String service) {
        return taskDefArn("app" + Integer.parseInt(service.substring(3)) % TASK_DEFINITIONS + ":1");
    }

    private static Map<String, Integer> callsByOperation(WireMockServer wm) {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String target = e.getRequest().getHeader("X-Amz-Target");
            String op = target != null ? target.substring(target.indexOf('.') + 1)
                    : AwsStub.form(e.getRequest()).get("Action");
            calls.merge(op, 1, Integer::sum);
        }
        return calls;
    }
}
