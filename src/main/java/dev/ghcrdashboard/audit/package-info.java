/**
 * The append-only record of who changed what: it listens to what cleanup and visibility publish and
 * writes each event in the publisher's transaction, and serves the log's pages and CSV export.
 * Nothing else writes to it.
 */
@ApplicationModule(displayName = "Audit log", allowedDependencies = {"cleanup", "visibility", "notifications", "policies", "github", "security", "owners", "common", "persistence"})
package dev.ghcrdashboard.audit;

import org.springframework.modulith.ApplicationModule;
