package dev.ecsami.operator.core.fleet;

/** CPU units and MiB of memory. */
public record Resources(int cpu, int memory) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources plus(Resources o) {
        return new Resources(cpu + o.cpu, memory + o.memory);
    }

    public Resources minus(Resources o) {
        return new Resources(cpu - o.cpu, memory - o.memory);
    }

    public boolean fits(Resources need) {
        return need.cpu <= cpu && need.memory <= memory;
    }
}
