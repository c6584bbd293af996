/**
 * Demo mode: with no GitHub OAuth App configured, the bundled simulator is started in-process and the
 * dashboard pointed at it, so a first start shows something real. The only module that uses the simulator.
 */
@ApplicationModule(displayName = "Demo mode", allowedDependencies = "simulator")
package dev.ghcrdashboard.demo;

import org.springframework.modulith.ApplicationModule;
