/**
 * Shared persistence helpers every feature may use. Features keep their own tables and talk to them
 * through Spring's {@code JdbcClient} (the bean Spring Boot configures, named parameters); what they
 * share is here: {@link dev.ghcrdashboard.persistence.Timestamps}, {@link dev.ghcrdashboard.persistence.GeneratedIds}
 * for inserts that return their generated id, and {@link dev.ghcrdashboard.persistence.OnceAcrossInstances}, the scheduler lock that makes
 * scheduled work run once across instances (ShedLock rows in the shared database). Depends on nothing else in the application.
 */
@ApplicationModule(displayName = "Shared persistence helpers", allowedDependencies = {})
package dev.ghcrdashboard.persistence;

import org.springframework.modulith.ApplicationModule;
