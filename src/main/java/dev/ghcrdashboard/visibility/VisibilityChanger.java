package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import java.net.URI;

/**
 * Sets a visibility change in motion. Today GitHub offers no API for it, so the only implementation
 * ({@link GuidedVisibilityChanger}) hands the change to a person; an implementation that applies it
 * directly can replace it the day GitHub ships one. Watching and verifying the result is not the
 * changer's job: the dashboard does that the same way whoever made the change.
 */
interface VisibilityChanger {

    ChangeInstructions begin(Owner owner, String packageName, Visibility target, SignedInUser user);

    /**
     * What is left for the person to do.
     *
     * @param settingsPage where the person makes the change; {@code null} when nothing is left to do
     */
    record ChangeInstructions(boolean personMustAct, URI settingsPage) {
    }
}
