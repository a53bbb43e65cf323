package dev.ecsami.operator.slack;

/** A short pause in a test, so that a message sent by mistake has time to show up before counting. */
final class Quiet {
    private Quiet() {
    }

    static void settle() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
