package dev.ghcrdashboard.support;

import dev.ghcrdashboard.simulator.Simulator;

/**
 * Starts the simulator of a {@link SimulatorBackedTest} class that needs more than a scenario file with
 * default options, for example a tight rate limit or a scenario generated at run time. Implemented by a
 * class with a no-argument constructor, named in {@link SimulatorBackedTest#setup()}.
 */
@FunctionalInterface
public interface SimulatorSetup {

    Simulator start();
}
