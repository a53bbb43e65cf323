package dev.ecsami.operator.bench;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.awsstub.StubbedPorts;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.sim.SimTimings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Figure 2, per replaced instance: figure 1's surge rollout (same fleet, policy and step) run
 * whole with the operator reaching the simulated world through the real AWS adapters and the SDK,
 * against the stateful stub on 127.0.0.1. Counts every HTTP request the stub answered, by
 * operation; the start command's requests (pre-flight, the new AMI, the launch template) are
 * kept apart so that reads per tick are the runner's alone.
 */
final class RolloutCallsBench {

    /** What one rollout of N instances cost on the wire. */
    record Calls(int n, Map<String, Integer> byOperation, Map<String, Integer> startCommand, int ticks,
                 Duration makespan, long wallMs) {
        int reads() {
            return sum(byOperation, true);
        }

        int writes() {
            return sum(byOperation, false);
        }

        double perInstance(int count) {
            return count / (double) n;
        }

        /** Reads of the runner's ticks, the start command left out, over the ticks. */
        double readsPerTick() {
            return (reads() - sum(startCommand, true)) / (double) ticks;
        }
    }

    private RolloutCallsBench() {
    }

    /** Describe, List and Get calls read; every other operation changes something. */
    static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get");
    }

    private static int sum(Map<String, Integer> calls, boolean reads) {
        return calls.entrySet().stream().filter(e -> isRead(e.getKey()) == reads).mapToInt(Map.Entry::getValue).sum();
    }

    static Calls run(AwsStub stub, int n) {
        long wallStart = System.nanoTime();
        SimTimings timings = SimTimings.realistic();
        SimulatedFleet fleet = new SimulatedFleet(n, MakespanBench.tuned(), timings, aws -> StubbedPorts.over(stub, aws));
        Instant started = fleet.clock.instant();
        Rollout r = fleet.start();
        Map<String, Integer> startCommand = stub.calls();
        Rollout done = fleet.rollToSuccess(r, MakespanBench.STEP, () -> { });
        return new Calls(n, stub.calls(), startCommand, fleet.ticks(), MakespanBench.makespan(started, done),
                (System.nanoTime() - wallStart) / 1_000_000);
    }
}
