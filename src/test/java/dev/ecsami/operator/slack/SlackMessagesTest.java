package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.Notifier.Behind;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SlackMessagesTest {
    private final SlackMessages messages = new SlackMessages(URI.create("https://ops.example.com"));

    /** Four instances replaced in 4 minutes each, the fifth draining; 23 minutes in. */
    private static RolloutScript fourOfTenReplaced() {
        RolloutScript s = RolloutScript.of(10);
        s.start(T0.plusSeconds(30));
        for (int i = 1; i <= 4; i++) {
            Instant base = T0.plus(Duration.ofMinutes(5L * (i - 1)));
            s.startInstance("i-0" + i, base.plusSeconds(60));
            s.drain("i-0" + i, base.plusSeconds(120));
            s.finish("i-0" + i, base.plusSeconds(180), base.plusSeconds(300));
        }
        s.startInstance("i-05", T0.plus(Duration.ofMinutes(21)));
        s.drain("i-05", T0.plus(Duration.ofMinutes(22)));
        return s;
    }

    private static List<String> types(SlackMessage m) {
        return m.blocks().stream().map(b -> b.path("type").asText()).toList();
    }

    private static String section(SlackMessage m, String startingWith) {
        return m.blocks().stream().filter(b -> b.path("type").asText().equals("section") && b.has("text"))
                .map(b -> b.at("/text/text").asText()).filter(t -> t.startsWith(startingWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no section starting with " + startingWith + " in " + m));
    }

    @Test
    void runningStatusShowsWhatMovesWhereAndHowFar() {
        SlackMessage m = messages.status(fourOfTenReplaced().rollout(), T0.plus(Duration.ofMinutes(23)));

        assertThat(types(m)).containsExactly("header", "section", "section", "context");
        assertThat(m.blocks().get(0).at("/text/text").asText())
                .isEqualTo(":arrows_counterclockwise: AMI rollout in progress: web");
        assertThat(m.blocks().get(1).path("fields").findValuesAsText("text")).containsExactly(
                "*Target*\nweb", "*Cluster*\nprod", "*Auto Scaling group*\nprod-web-asg",
                "*Rollout*\n`r-20240613-web`",
                "*From*\n`ami-0123456789abcdef0` al2023-ami-ecs-hvm-2023.0.20240501-kernel-6.1-x86_64",
                "*To*\n`ami-0fedcba9876543210` al2023-ami-ecs-hvm-2023.0.20240611-kernel-6.1-x86_64",
                "*Triggered by*\nSNS announcement (message 4f1c2a9e): ECS-optimized AMI release 2023.0.20240611");
        assertThat(section(m, "*Progress:*")).isEqualTo("*Progress:* 4 of 10 replaced\n`[████░░░░░░] 40%`\n"
                + "*Now:*\n• `i-05` (eu-west-1a) draining for 1m 00s\n*Elapsed:* 22m 30s · about 24m 00s left");
        assertThat(m.text()).isEqualTo("AMI rollout of web in progress: ami-0123456789abcdef0 → "
                + "ami-0fedcba9876543210, 4 of 10 replaced [████░░░░░░] 40%");
        SlackLimits.assertWithin(m);
    }

    @Test
    void pausedStatusGivesTheReasonAndTheCallsToResumeOrAbort() throws Exception {
        RolloutScript s = fourOfTenReplaced();
        s.pause("drain of i-05 timed out after 30m 00s with 1 service and 0 standalone tasks still running",
                T0.plus(Duration.ofMinutes(52)));

        SlackMessage m = messages.status(s.rollout(), T0.plus(Duration.ofMinutes(52)));

        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("paused-status.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        assertThat(m.payload()).isEqualTo(expected);
        SlackLimits.assertWithin(m);
    }

    @Test
    void aRunningRolloutBeforeItsPreflightSaysSoInsteadOfAFullBar() {
        SlackMessage m = messages.status(RolloutScript.of(4).rollout(), T0);

        assertThat(section(m, "*Progress:*")).isEqualTo("*Progress:* not started yet: the pre-flight checks run first");
    }

    @Test
    void plannedStatusShowsTheCallsToApproveOrAbort() {
        RolloutScript s = RolloutScript.of(3, RolloutPolicy.defaults(), RolloutScript.SNS, true);

        SlackMessage m = messages.status(s.rollout(), T0);

        assertThat(m.blocks().get(0).at("/text/text").asText()).contains("waiting for approval");
        assertThat(section(m, "*To approve or abort:*")).contains(
                "curl -X POST -H \"Authorization: Bearer $TOKEN\" https://ops.example.com/api/rollouts/r-20240613-web/approve",
                "curl -X POST -H \"Authorization: Bearer $TOKEN\" https://ops.example.com/api/rollouts/r-20240613-web/abort");
        assertThat(types(m)).doesNotContain("divider").hasSize(4);
    }

    @Test
    void failedStatusGivesTheReasonAndHowToStartAgain() {
        RolloutScript s = fourOfTenReplaced();
        s.fail("Auto Scaling group prod-web-asg no longer exists", T0.plus(Duration.ofMinutes(30)));

        SlackMessage m = messages.status(s.rollout(), T0.plus(Duration.ofMinutes(30)));

        assertThat(section(m, "*Outcome:*")).startsWith("*Outcome:* failed after 29m 30s\n*Replaced:* 4 instances of 10");
        assertThat(section(m, "*Why:*")).isEqualTo("*Why:* Auto Scaling group prod-web-asg no longer exists");
        assertThat(section(m, "*To try again*")).contains("curl -X POST -H \"Authorization: Bearer $TOKEN\" "
                + "-H \"Content-Type: application/json\" -d '{\"target\":\"web\"}' https://ops.example.com/api/rollouts");
    }

    @Test
    void succeededStatusSummarisesDurationReplacedSlowestDrainForcedAndSkipped() {
        RolloutScript s = RolloutScript.of(3);
        s.start(T0);
        s.startInstance("i-01", T0);
        s.drain("i-01", T0.plusSeconds(60));
        s.finish("i-01", T0.plusSeconds(305), T0.plusSeconds(400));
        s.startInstance("i-02", T0.plusSeconds(400));
        s.drain("i-02", T0.plusSeconds(460));
        s.force("i-02", T0.plusSeconds(2260));
        s.startInstance("i-03", T0.plusSeconds(2300));
        s.skip("i-03", T0.plusSeconds(2310));
        s.succeed(T0.plusSeconds(2400));

        SlackMessage m = messages.status(s.rollout(), T0.plusSeconds(2400));

        assertThat(m.blocks().get(0).at("/text/text").asText()).isEqualTo(":white_check_mark: AMI rollout succeeded: web");
        assertThat(section(m, "*Outcome:*")).isEqualTo("*Outcome:* succeeded in 40m 00s\n*Replaced:* 2 instances\n"
                + "*Slowest drain:* `i-02` 30m 00s\n*Forced* (terminated before the drain finished): `i-02`\n"
                + "*Skipped:* `i-03`");
        assertThat(m.blocks().toString()).doesNotContain("curl");
    }

    @Test
    void httpTriggerNamesWhoStartedIt() {
        Trigger http = new Trigger(Trigger.Kind.HTTP, "alice", "");
        SlackMessage m = messages.status(RolloutScript.of(2, RolloutPolicy.defaults(), http, false).rollout(), T0);

        assertThat(m.blocks().get(1).toString()).contains("*Triggered by*\\nHTTP request by alice");
    }

    @Test
    void rolloutTextIsEscapedForSlack() {
        RolloutScript s = fourOfTenReplaced();
        s.pause("paused by <alice> & bob", T0.plus(Duration.ofMinutes(30)));

        SlackMessage m = messages.status(s.rollout(), T0.plus(Duration.ofMinutes(30)));

        assertThat(section(m, "*Why:*")).isEqualTo("*Why:* paused by &lt;alice&gt; &amp; bob");
    }

    @Test
    void thousandInstanceRolloutStaysWithinSlackLimits() {
        RolloutPolicy wide = RolloutPolicy.defaults().withMaxInFlight(1000);
        RolloutScript s = RolloutScript.of(1000, wide, RolloutScript.SNS, false);
        s.start(T0);
        IntStream.range(0, 1000).forEach(i -> s.startInstance(String.format("i-%017x", i), T0));
        IntStream.range(0, 1000).forEach(i -> s.drain(String.format("i-%017x", i), T0.plusSeconds(10)));

        SlackMessage running = messages.status(s.rollout(), T0.plusSeconds(60));
        SlackLimits.assertWithin(running);
        assertThat(section(running, "*Progress:*")).contains("0 of 1000 replaced", "and 995 more in flight");

        IntStream.range(0, 1000).forEach(i -> {
            String id = String.format("i-%017x", i);
            if (i % 2 == 0) {
                s.force(id, T0.plusSeconds(1900));
            } else {
                s.skip(id, T0.plusSeconds(1900));
            }
        });
        s.succeed(T0.plusSeconds(2000));
        SlackMessage finished = messages.status(s.rollout(), T0.plusSeconds(2000));
        SlackLimits.assertWithin(finished);
        assertThat(section(finished, "*Outcome:*")).contains("*Replaced:* 500 instances", "and 480 more");

        RolloutEvent forced = s.rollout().events().stream().filter(e -> e.type() == RolloutEvent.Type.FORCED)
                .findFirst().orElseThrow();
        SlackLimits.assertWithin(messages.reply(s.rollout(), forced));
    }

    @Test
    void longNamesAreCutToSlackLimits() {
        String longName = "w".repeat(400);
        Target t = new Target(longName, "c".repeat(5000), "g", AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL,
                RolloutPolicy.defaults());
        SlackMessage m = messages.behind(List.of(new Behind(t, RolloutScript.OLD, RolloutScript.NEW, "")));

        SlackLimits.assertWithin(m);
        assertThat(m.blocks().get(0).at("/text/text").asText()).hasSize(150).endsWith("…");
    }

    @Test
    void targetsBehindShowHowToStartOrApproveEach() {
        Target web = RolloutScript.target(RolloutPolicy.defaults());
        Target api = new Target("api", "prod", "prod-api-asg", AmiSource.parse("amazon-linux-2023"), OnNewAmi.APPROVE,
                RolloutPolicy.defaults());
        SlackMessage m = messages.behind(List.of(
                new Behind(web, RolloutScript.OLD, RolloutScript.NEW, ""),
                new Behind(api, AmiRef.of("ami-0aaaaaaaaaaaaaaaa"), RolloutScript.NEW, "r-42")));

        assertThat(types(m)).containsExactly("header", "section", "section");
        assertThat(m.blocks().get(0).at("/text/text").asText())
                .isEqualTo(":information_source: 2 targets are behind their AMI source");
        assertThat(m.blocks().get(1).at("/text/text").asText()).isEqualTo("*web* · cluster `prod` · group "
                + "`prod-web-asg`\n`ami-0123456789abcdef0` al2023-ami-ecs-hvm-2023.0.20240501-kernel-6.1-x86_64 → "
                + "`ami-0fedcba9876543210` al2023-ami-ecs-hvm-2023.0.20240611-kernel-6.1-x86_64\nTo start it:\n"
                + "```curl -X POST -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" "
                + "-d '{\"target\":\"web\"}' https://ops.example.com/api/rollouts```");
        assertThat(m.blocks().get(2).at("/text/text").asText()).contains("Rollout `r-42` waits for approval:\n"
                + "```curl -X POST -H \"Authorization: Bearer $TOKEN\" https://ops.example.com/api/rollouts/r-42/approve```");
        assertThat(m.text()).isEqualTo("2 targets are behind their AMI source: web, api");
    }

    @Test
    void manyTargetsBehindAreSummarisedWithinFiftyBlocks() {
        List<Behind> behind = IntStream.range(0, 77).mapToObj(i -> new Behind(new Target("t" + i, "c", "g",
                AmiSource.parse("amazon-linux-2023"), OnNewAmi.NOTIFY, RolloutPolicy.defaults()),
                RolloutScript.OLD, RolloutScript.NEW, "")).toList();

        SlackMessage m = messages.behind(behind);

        SlackLimits.assertWithin(m);
        assertThat(m.blocks()).hasSize(42);
        assertThat(m.blocks().get(41).toString()).contains("Also behind: `t40`", "`t76`");
    }

    @Test
    void instanceReplyTellsHowItWentWithItsHistory() {
        RolloutScript s = fourOfTenReplaced();
        RolloutEvent done = s.rollout().events().stream().filter(e -> e.type() == RolloutEvent.Type.INSTANCE_DONE)
                .findFirst().orElseThrow();

        SlackMessage m = messages.reply(s.rollout(), done);

        assertThat(types(m)).containsExactly("section", "section", "context");
        assertThat(m.text()).isEqualTo(":white_check_mark: `i-01` (eu-west-1a) replaced in 4m 00s");
        assertThat(m.blocks().get(1).at("/text/text").asText()).startsWith("*Drain took* 1m 00s\n"
                + "`10:01:00 UTC` instance started: replacing i-01 in eu-west-1a (1 of 10)\n"
                + "`10:02:00 UTC` drain started: set DRAINING with 4 running tasks");
        assertThat(m.blocks().get(2).toString()).contains("4 of 10 replaced [████░░░░░░] 40%");
    }

    @Test
    void onlyFinishedForcedSkippedPausedAndFailedGetAReply() {
        List<RolloutEvent.Type> replied = List.of(RolloutEvent.Type.values()).stream()
                .filter(t -> messages.repliesTo(new RolloutEvent(T0, t, "", "", "")))
                .toList();

        assertThat(replied).containsExactlyInAnyOrder(RolloutEvent.Type.INSTANCE_DONE,
                RolloutEvent.Type.INSTANCE_SKIPPED, RolloutEvent.Type.FORCED, RolloutEvent.Type.PAUSED,
                RolloutEvent.Type.FAILED);
    }
}
