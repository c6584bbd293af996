package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.security.SignedInUser;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import org.springframework.stereotype.Component;

/** Hands the change to the person: GitHub requires it on the package's own settings page. */
@Component
record GuidedVisibilityChanger(SettingsPages settingsPages) implements VisibilityChanger {

    @Override
    public ChangeInstructions begin(Owner owner, String packageName, Visibility target, SignedInUser user) {
        return new ChangeInstructions(true, settingsPages.settingsPage(owner.type(), owner.login(), packageName));
    }
}
