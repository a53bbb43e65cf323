package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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
import static dev.ecsami.operator.aws.EcsFixtures.taskArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskContainer;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefinition;

/**
 * A static account on WireMock for counting reads: group {@link AsgFixtures#GROUP} with N
 * instances on one launch template version, cluster "production" with their container instances
 * (paged by 100), S services described by 10 and sharing a few task definitions. With
 * {@code firstDraining}, the first container instance is DRAINING with two service tasks left.
 * With {@code booting}, the group has one more instance, Pending and not registered in the
 * cluster: a ListContainerInstances filtered by EC2 instance id finds nothing.
 * Used by ReadBudgetTest and by the read-count benchmark.
 */
final class StaticFleetStub {
    static final int TASK_DEFINITIONS = 5;

    private StaticFleetStub() {
    }

    static String ec2Id(int i) {
        return String.format("i-%017d", i);
    }

    static void stubAccount(Consumer<MappingBuilder> stub, int n, int s, boolean firstDraining, boolean booting) {
        int size = booting ? n + 1 : n;
        String instances = IntStream.range(0, size).mapToObj(i -> "<member>" + instance(ec2Id(i),
                i % 2 == 0 ? "us-east-1a" : "us-east-1b", i < n ? "InService" : "Pending", "Healthy",
                launchTemplate("7")) + "</member>").reduce("", String::concat);
        stub.accept(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, n, n + 10, size, launchTemplate("$Default"), instances, "")))));
        stub.accept(queryCall("DescribeLaunchTemplateVersions").willReturn(ec2("DescribeLaunchTemplateVersions",
                templateVersions(null, templateVersion(7, true, OLD_AMI, "base", "")))));

        stub.accept(ecsCall("ListContainerInstances").withRequestBody(containing("\"filter\"")).atPriority(1)
                .willReturn(json(list("containerInstanceArns", List.of(), null))));
        List<String> arns = IntStream.range(0, n).mapToObj(i -> ciArn("ci" + i)).toList();
        for (int page = 0; page * 100 < n; page++) {
            List<String> slice = arns.subList(page * 100, Math.min(n, page * 100 + 100));
            String next = page * 100 + 100 < n ? "page" + (page + 1) : null;
            var call = ecsCall("ListContainerInstances");
            call = page == 0 ? call.withRequestBody(notContaining("nextToken"))
                    : call.withRequestBody(containing("\"page" + page + "\""));
            stub.accept(call.willReturn(json(list("containerInstanceArns", slice, next))));
            int from = page * 100;
            stub.accept(ecsCall("DescribeContainerInstances").withRequestBody(containing(ciArn("ci" + from) + "\""))
                    .willReturn(json(describedInstances(IntStream.range(from, from + slice.size())
                            .mapToObj(i -> containerInstance("ci" + i, ec2Id(i),
                                    firstDraining && i == 0 ? "DRAINING" : "ACTIVE",
                                    OLD_AMI, 1024, 4096, List.of("22", "80"), 2, 0)).toList()))));
        }
        if (firstDraining) {
            List<String> tasks = List.of("t1", "t2");
            stub.accept(ecsCall("ListTasks").willReturn(json(list("taskArns",
                    tasks.stream().map(EcsFixtures::taskArn).toList(), null))));
            stub.accept(ecsCall("DescribeTasks").willReturn(json(describedTasks(tasks.stream()
                    .map(t -> task(t, "ci0", "service:svc0", "256", "512",
                            List.of(taskContainer("256", "512", null, List.of())))).toList()))));
        }

        List<String> services = IntStream.range(0, s).mapToObj(i -> "svc" + i).toList();
        for (int page = 0; page * 100 < s; page++) {
            String next = page * 100 + 100 < s ? "svcpage" + (page + 1) : null;
            var call = ecsCall("ListServices");
            call = page == 0 ? call.withRequestBody(notContaining("nextToken"))
                    : call.withRequestBody(containing("\"svcpage" + page + "\""));
            stub.accept(call.willReturn(json(list("serviceArns", services.subList(page * 100,
                    Math.min(s, page * 100 + 100)).stream().map(EcsFixtures::serviceArn).toList(), next))));
        }
        for (int batch = 0; batch * 10 < s; batch++) {
            stub.accept(ecsCall("DescribeServices").withRequestBody(containing(serviceArn("svc" + batch * 10) + "\""))
                    .willReturn(json(describedServices(services.subList(batch * 10, Math.min(s, batch * 10 + 10))
                            .stream().map(name -> service(name, taskDefinitionOf(name), 4, 4, List.of())).toList()))));
        }
        for (int t = 0; t < TASK_DEFINITIONS; t++) {
            String arn = taskDefArn("app" + t + ":1");
            stub.accept(ecsCall("DescribeTaskDefinition").withRequestBody(containing(arn + "\""))
                    .willReturn(json(taskDefinition(arn, "bridge", "256", "512", List.of()))));
        }
    }

    /** Services share a few task definitions: svc0, svc5, svc10... run app0. */
    private static String taskDefinitionOf(String service) {
        return taskDefArn("app" + Integer.parseInt(service.substring(3)) % TASK_DEFINITIONS + ":1");
    }

    /** Requests served, by AWS operation (X-Amz-Target for JSON protocols, Action for Query). */
    static Map<String, Integer> callsByOperation(List<ServeEvent> served) {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent e : served) {
            String target = e.getRequest().getHeader("X-Amz-Target");
            String op = target != null ? target.substring(target.indexOf('.') + 1)
                    : AwsStub.form(e.getRequest()).get("Action");
            calls.merge(op, 1, Integer::sum);
        }
        return calls;
    }
}
