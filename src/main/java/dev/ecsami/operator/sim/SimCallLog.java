package dev.ecsami.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every call the simulated AWS answered, and every mutation it carried out. */
public final class SimCallLog {
    public record MutationRecord(Instant at, String operation, String detail) {
    }

    /**
     * A termination as carried out, with the work still on the instance at that moment.
     */
    /**
     * An instance shut down with what still ran on it.
     *
     * @param begunAt when its termination began (it may have waited in Terminating:Wait since)
     */
    public record TerminationRecord(Instant at, String instanceId, int serviceTasks, int standaloneTasks,
                                    SimCause cause, Instant begunAt) {
    }

    /** Something other than the operator acted on the fleet. */
    public record ActorRecord(Instant at, String actor, String detail) {
    }

    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<MutationRecord> mutations = new ArrayList<>();
    private final List<TerminationRecord> terminations = new ArrayList<>();
    private final List<ActorRecord> actors = new ArrayList<>();

    synchronized void actor(Instant at, String actor, String detail) {
        actors.add(new ActorRecord(at, actor, detail));
    }

    public synchronized List<ActorRecord> actors() {
        return List.copyOf(actors);
    }

    synchronized void call(String operation) {
        calls.merge(operation, 1, Integer::sum);
    }

    synchronized void mutation(Instant at, String operation, String detail) {
        mutations.add(new MutationRecord(at, operation, detail));
    }

    synchronized void termination(TerminationRecord r) {
        terminations.add(r);
    }

    public synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    public synchronized List<MutationRecord> mutations() {
        return List.copyOf(mutations);
    }

    public synchronized List<TerminationRecord> terminations() {
        return List.copyOf(terminations);
    }
}
