package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.Optional;

/** SSM parameters and EC2 images of the simulated world, each call counted and passed through the fault plan. */
final class SimAmiCatalog implements AmiCatalog {
    private final SimWorld world;
    private final FaultPlan faults;

    SimAmiCatalog(SimWorld world, FaultPlan faults) {
        this.world = world;
        this.faults = faults;
    }

    private void call(String operation) {
        world.log.call(operation);
        faults.beforeCall(operation);
    }

    @Override
    public AmiRef resolve(AmiSource source) {
        synchronized (world) {
            call("GetParameter");
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

    @Override
    public Optional<Image> describe(String imageId) {
        synchronized (world) {
            call("DescribeImages");
            SimWorld.SimImage image = world.images.get(imageId);
            return image == null ? Optional.empty()
                    : Optional.of(new Image(new AmiRef(image.id(), image.name()), image.architecture(), true));
        }
    }
}
