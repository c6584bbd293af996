package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Restoring versions from one package's trash.
 *
 * @param confirm {@code yes} when the person ticked the confirmation
 * @param returnTo where the permission page brings the person back to, if {@code write:packages} is missing
 */
record RestoreForm(@NotBlank String name,
                   @NotEmpty(message = "Choose at least one version to restore.") List<Long> versionIds,
                   @NotBlank(message = "Tick the confirmation to restore.")
                   @Pattern(regexp = "yes", message = "Tick the confirmation to restore.") String confirm,
                   String returnTo) {

    Set<Long> chosen() {
        return versionIds == null ? Set.of() : new LinkedHashSet<>(versionIds);
    }
}
