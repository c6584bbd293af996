package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Simulator;
import java.util.Map;

/**
 * Starts the world of a {@link SimulatorBackedTest} class that needs more than a scenario file with
 * default options: a tight rate limit, a scenario generated at run time, a real registry beside the
 * simulator. Implemented by a class with a no-argument constructor, named in
 * {@link SimulatorBackedTest#setup()}; one instance per test class. It runs before Spring builds the
 * context, so a real service it needs may skip the class through {@code ServiceRequirement}.
 */
public interface SimulatorSetup {

    /** Starts the simulator, and whatever else the class needs beside it. */
    Simulator start();

    /** Settings that differ from pointing everything at the simulator, such as a real registry's URL. */
    default Map<String, String> properties(Simulator simulator) {
        return Map.of();
    }

    /** Stops what {@link #start()} started besides the simulator; called after the class's context is closed. */
    default void stop() {
    }
}
