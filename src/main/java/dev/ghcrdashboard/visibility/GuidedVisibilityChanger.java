package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import org.springframework.stereotype.Component;

/** Hands the change to the person: GitHub requires it on the package's own settings page. */
@Component
class GuidedVisibilityChanger implements VisibilityChanger {

    private final SettingsPages settingsPages;

    GuidedVisibilityChanger(SettingsPages settingsPages) {
        this.settingsPages = settingsPages;
    }

    @Override
    public ChangeInstructions begin(Owner owner, String packageName, Visibility target, SignedInUser user) {
        return new ChangeInstructions(true, settingsPages.settingsPage(owner.type(), owner.login(), packageName));
    }
}
