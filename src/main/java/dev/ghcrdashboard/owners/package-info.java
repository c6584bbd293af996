/**
 * The owners a person can work with — themselves and their organizations — resolved from URLs in one
 * place ({@link dev.ghcrdashboard.owners.OwnerDirectory#require}), so an owner someone may not see is
 * "not found" everywhere alike.
 */
@ApplicationModule(displayName = "Owners and memberships", allowedDependencies = {"github", "security", "common", "caching"})
package dev.ghcrdashboard.owners;

import org.springframework.modulith.ApplicationModule;
