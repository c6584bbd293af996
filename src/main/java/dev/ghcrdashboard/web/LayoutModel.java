package dev.ghcrdashboard.web;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.RateBudget;
import java.util.List;

/**
 * What the shared page layout shows around every page: who is signed in, the owner switcher, the
 * remaining GitHub budget and the demo-mode banner.
 */
record LayoutModel(
        String login,
        List<Owner> owners,
        String currentOwner,
        RateBudget budget,
        boolean demo,
        String simulatorUrl,
        String callbackUrl) {
}
