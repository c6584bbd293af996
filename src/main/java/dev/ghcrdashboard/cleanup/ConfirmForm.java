package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Confirming a previewed cleanup.
 *
 * @param confirmName the package name typed by the person, when the preview asked for it
 * @param returnTo where the permission page brings the person back to, if a scope is still missing
 */
record ConfirmForm(@NotBlank(message = "This confirmation belongs to no preview; plan the cleanup again.") String previewId,
                   @Size(max = 300) String confirmName, String returnTo) {
}
