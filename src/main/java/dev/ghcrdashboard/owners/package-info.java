/**
 * The owners a person can work with — themselves and their organizations — resolved from URLs in one
 * place ({@link dev.ghcrdashboard.owners.OwnerDirectory#require}), so an owner someone may not see is
 * "not found" everywhere alike. Only the browsing pages also open any other user's or organization's
 * public packages, read-only ({@link dev.ghcrdashboard.owners.OwnerDirectory#requireReadable}).
 */
@ApplicationModule(displayName = "Owners and memberships", allowedDependencies = {"github", "security", "common", "caching"})
package dev.ghcrdashboard.owners;

import org.springframework.modulith.ApplicationModule;
