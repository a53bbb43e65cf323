package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adversarial suite: a thousand seeds, each a random fleet with random other actors at random
 * virtual times (see {@link AdversarialSeed}), every step checked against the invariants. A failing
 * seed is printed with its setup and a short trace; replay it with {@code -Dadversarial.seed=N}.
 */
class AdversarialScenarioTest {
    static final int SEEDS = 1000;
    /**
     * Seeds beyond the first thousand that once broke an invariant, kept as regressions: 4931, an
     * aborted rollout whose give-back step could not finish left the zones 2 / 0 / 0 and resumed
     * AZRebalance, which then terminated an instance with tasks undrained; 5461, a crash before a
     * decrementing termination whose instance the group's scale-in took: desired ended one too high.
     */
    static final long[] ONCE_FAILING = {4931, 5461};

    @Test
    void aThousandSeedsOfOtherActorsNeverBreakAnInvariant() {
        long started = System.nanoTime();
        String only = System.getProperty("adversarial.seed");
        LongStream seeds = only != null ? LongStream.of(Long.parseLong(only)) : LongStream.concat(LongStream
                .rangeClosed(1, Long.getLong("adversarial.seeds", SEEDS)), LongStream.of(ONCE_FAILING)).distinct();
        Map<Long, Long> took = new java.util.concurrent.ConcurrentHashMap<>();
        List<AdversarialSeed.Outcome> outcomes = seeds.parallel().mapToObj(s -> {
            long t = System.nanoTime();
            AdversarialSeed.Outcome o = new AdversarialSeed(s).play();
            took.put(s, (System.nanoTime() - t) / 1_000_000);

            return o;
        }).collect(Collectors.toList());
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<RolloutState, Long> states = new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(AdversarialSeed.Outcome::state, Collectors.counting())));
        System.out.println("adversarial suite: " + outcomes.size() + " seeds, "
                + outcomes.stream().mapToLong(AdversarialSeed.Outcome::ticks).sum() + " ticks checked, "
                + outcomes.stream().mapToLong(AdversarialSeed.Outcome::actorsFired).sum() + " actor moves, "
                + states + ", " + outcomes.stream().filter(o -> !o.violations().isEmpty()).count() + " failing, "
                + millis + " ms");
        Map<String, Long> byActor = new TreeMap<>();
        outcomes.forEach(o -> o.byActor().forEach((k, v) -> byActor.merge(k, v, Long::sum)));
        System.out.println("actor moves: " + byActor);
        System.out.println("failing seeds: " + outcomes.stream().filter(o -> !o.violations().isEmpty())
                .map(AdversarialSeed.Outcome::seed).toList());
        System.out.println("slowest seeds (ms): " + took.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(5).toList());
        List<String> failures = outcomes.stream().filter(o -> !o.violations().isEmpty())
                .map(o -> "seed " + o.seed() + " (" + o.setup() + "): " + o.violations().subList(0,
                        Math.min(3, o.violations().size())) + "\n" + o.trace())
                .limit(3).toList();
        assertThat(failures).as("failing seeds; replay with -Dadversarial.seed=N").isEmpty();
    }
}
