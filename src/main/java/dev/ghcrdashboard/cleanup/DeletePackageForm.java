package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Deleting a whole package: its name and the {@code owner/name} the person typed to confirm. */
record DeletePackageForm(@NotBlank String name,
                         @NotBlank(message = "Type the owner and package name to confirm.") @Size(max = 300) String confirm) {
}
