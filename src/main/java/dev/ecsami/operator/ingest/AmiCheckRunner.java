package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.NewAmiCheck;
import java.util.List;

/** Runs the AMI check for a trigger; in production {@code NewAmiCheck::run}. */
@FunctionalInterface
public interface AmiCheckRunner {

    List<NewAmiCheck.Outcome> run(Trigger trigger);
}
