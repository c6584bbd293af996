/**
 * The key that encrypts GitHub tokens at rest, and sealing and opening them with it
 * ({@link dev.ghcrdashboard.secrets.TokenVault}). Sign-in keeps the token of a session sealed in the sessions
 * table; cleanup keeps a running job's token sealed in its row.
 */
@ApplicationModule(displayName = "Secrets at rest", allowedDependencies = {"github", "operations"})
package dev.ghcrdashboard.secrets;

import org.springframework.modulith.ApplicationModule;
