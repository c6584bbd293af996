/**
 * The small vocabulary every page-serving module shares: the exceptions that become error pages
 * (each an {@code ErrorResponse} with a status and a sentence for the person), links to the dashboard's
 * own pages ({@link dev.ghcrdashboard.common.Paths}), package-name checks, formatting for templates, and
 * rendered fragments kept for reuse ({@link dev.ghcrdashboard.common.RenderedHtml}, written only through
 * {@code gd:html}).
 * Depends on nothing else in the application, so anything may use it.
 */
@ApplicationModule(displayName = "Shared web vocabulary", allowedDependencies = {})
package dev.ghcrdashboard.common;

import org.springframework.modulith.ApplicationModule;
