/**
 * A stateful stand-in for github.com and ghcr.io (REST API subset, OAuth web flow, settings pages, token
 * endpoint, OCI distribution API) that follows docs/ghcr-platform.md and GitHub's OpenAPI description.
 * It depends on nothing in the application, so it can run on its own and other tools can be pointed at it
 * (docs/simulator.md).
 */
@ApplicationModule(displayName = "GitHub simulator", allowedDependencies = {})
package dev.ghcrdashboard.simulator;

import org.springframework.modulith.ApplicationModule;
