package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SSM parameters and EC2 images of the simulated world, each call counted and passed through the fault plan. */
final class SimAmiCatalog implements AmiCatalog {
    private static final int NAMES_PER_CALL = 10;
    private final SimWorld world;
    private final SimCalls calls;

    SimAmiCatalog(SimWorld world, SimCalls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public AmiRef resolve(AmiSource source) {
        synchronized (world) {
            calls.enter("GetParameter");
            String id;
            if (source instanceof AmiSource.Fixed f) {
                id = f.imageId();
            } else {
                id = world.ssmParameters.get(source.parameterName());
                if (id == null) {
                    throw new ExternalCallFailed("GetParameter", "ParameterNotFound", source.parameterName(), false);
                }
            }
            SimWorld.SimImage image = world.images.get(id);
            return new AmiRef(id, image == null ? "" : image.name());
        }
    }

    /**
     * As SSM's GetParameters: up to 10 names a call, a missing name reported on its own (AWS lists it
     * under InvalidParameters), a failed call failing its whole batch. Fixed ids resolve one by one.
     */
    @Override
    public Map<AmiSource, Resolution> resolveAll(Collection<AmiSource> sources) {
        List<AmiSource> named = new LinkedHashSet<>(sources).stream().filter(s -> !(s instanceof AmiSource.Fixed))
                .toList();
        Map<AmiSource, Resolution> resolved = new LinkedHashMap<>();
        for (int from = 0; from < named.size(); from += NAMES_PER_CALL) {
            resolved.putAll(readBatch(named.subList(from, Math.min(named.size(), from + NAMES_PER_CALL))));
        }
        for (AmiSource source : new LinkedHashSet<>(sources)) {
            if (source instanceof AmiSource.Fixed) {
                resolved.put(source, Resolution.of(() -> resolve(source)));
            }
        }
        return resolved;
    }

    private Map<AmiSource, Resolution> readBatch(List<AmiSource> batch) {
        Map<AmiSource, Resolution> out = new LinkedHashMap<>();
        synchronized (world) {
            try {
                calls.enter("GetParameters");
            } catch (ExternalCallFailed e) {
                batch.forEach(s -> out.put(s, new Resolution.Unresolved(e)));
                return out;
            }
            for (AmiSource source : batch) {
                String id = world.ssmParameters.get(source.parameterName());
                SimWorld.SimImage image = id == null ? null : world.images.get(id);
                out.put(source, id == null
                        ? new Resolution.Unresolved(new ExternalCallFailed("GetParameters", "ParameterNotFound",
                        "SSM parameter " + source.parameterName() + " does not exist or is not readable", false))
                        : new Resolution.Resolved(new AmiRef(id, image == null ? "" : image.name())));
            }
        }
        return out;
    }

    @Override
    public Optional<Image> describe(String imageId) {
        synchronized (world) {
            calls.enter("DescribeImages");
            SimWorld.SimImage image = world.images.get(imageId);
            return image == null ? Optional.empty()
                    : Optional.of(new Image(new AmiRef(image.id(), image.name()), image.architecture(), true));
        }
    }
}
