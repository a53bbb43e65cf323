package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Resolves AMI sources (SSM parameters, fixed ids) and describes images. */
public interface AmiCatalog {

    /** The AMI the source points at now. */
    AmiRef resolve(AmiSource source);

    /**
     * The AMI of every source, in as few calls as the catalog can make (SSM reads up to 10 parameters
     * per call); a source that cannot be resolved is reported on its own, never failing the others.
     */
    default Map<AmiSource, Resolution> resolveAll(Collection<AmiSource> sources) {
        Map<AmiSource, Resolution> resolved = new LinkedHashMap<>();
        for (AmiSource source : new LinkedHashSet<>(sources)) {
            resolved.put(source, Resolution.of(() -> resolve(source)));
        }
        return resolved;
    }

    /** The image, if it exists. */
    Optional<Image> describe(String imageId);

    record Image(AmiRef ami, String architecture, boolean available) {
    }

    /** What one source of {@link #resolveAll} came to. */
    sealed interface Resolution {
        record Resolved(AmiRef ami) implements Resolution {
        }

        record Unresolved(ExternalCallFailed failure) implements Resolution {
        }

        /** The AMI, or the failure thrown. */
        default AmiRef orThrow() {
            if (this instanceof Unresolved u) {
                throw u.failure();
            }
            return ((Resolved) this).ami();
        }

        static Resolution of(Supplier<AmiRef> resolve) {
            try {
                return new Resolved(resolve.get());
            } catch (ExternalCallFailed e) {
                return new Unresolved(e);
            }
        }
    }
}
