package dev.ecsami.operator.sim;

/**
 * How every call of a simulated port begins: it is counted in the call log, then passed through
 * the fault plan, which may fail it as AWS would.
 */
record SimCalls(SimCallLog log, FaultPlan faults) {
    void enter(String operation) {
        log.call(operation);
        faults.beforeCall(operation);
    }
}
