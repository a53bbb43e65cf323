package dev.ecsami.operator.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * A loopback server for one test class (the AWS stub, ElasticMQ): started before its first test,
 * closed after its last. Register it as a static {@code @RegisterExtension} field.
 */
public final class PerClass<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<T> start;
    private T resource;

    public PerClass(Supplier<T> start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resource = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        resource.close();
    }

    public T get() {
        return resource;
    }
}
