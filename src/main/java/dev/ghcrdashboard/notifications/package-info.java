/**
 * Webhooks: a team hears about what needs it — a dangerous visibility drift, and (with retention policies) a run
 * that finished, failed or stopped to ask — as generic JSON or a Slack-compatible body. Sending only records a
 * delivery; a dispatcher sends it in the background with retries and backoff, so a failing receiver never holds
 * up the work that caused the notification. Every attempt's outcome is kept and shown.
 */
@ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"visibility", "github", "owners", "security", "common", "persistence"})
package dev.ghcrdashboard.notifications;

import org.springframework.modulith.ApplicationModule;
