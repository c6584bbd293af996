/**
 * Signing in with a GitHub OAuth App, asking for extra scopes only when a person first needs them, who
 * may use the dashboard, and the signed-in person every controller receives as a
 * {@link dev.ghcrdashboard.security.SignedInUser} argument. Also the one guard for return addresses
 * ({@link dev.ghcrdashboard.security.ReturnAddress}).
 */
@ApplicationModule(displayName = "Sign-in and access", allowedDependencies = {"github", "secrets", "persistence"})
package dev.ghcrdashboard.security;

import org.springframework.modulith.ApplicationModule;
