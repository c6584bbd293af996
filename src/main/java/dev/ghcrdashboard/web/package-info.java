/**
 * The page chrome around every feature: the layout's model (who is signed in, the owner switcher, the
 * rate budget, the demo banner), the home and sign-in pages, and the one place where failures become
 * error pages.
 */
@ApplicationModule(displayName = "Page chrome", allowedDependencies = {"github", "owners", "security", "demo", "common"})
package dev.ghcrdashboard.web;

import org.springframework.modulith.ApplicationModule;
