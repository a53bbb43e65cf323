package dev.ecsami.operator.ingest.json;

/**
 * What reading an untrusted document gave: the value, or where it was wrong and what was expected.
 *
 * @param <T> the value read
 */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
    }

    /**
     * @param where   the field or path at fault, e.g. {@code TopicArn} or
     *                {@code ECSAmis[0].Regions.us-east-1.ImageId}
     * @param problem what was expected there
     */
    record Invalid<T>(String where, String problem) implements Parsed<T> {
        /** "where: problem". */
        public String detail() {
            return where + ": " + problem;
        }
    }
}
