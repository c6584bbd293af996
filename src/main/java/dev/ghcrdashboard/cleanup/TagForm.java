package dev.ghcrdashboard.cleanup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One tag change as asked for on a version page, and confirmed on its preview.
 *
 * @param name the package
 * @param version the version id of the image the tag is put on or taken off
 * @param action {@code put} (add, or move from the image that has it) or {@code remove}
 * @param expected on confirmation: the fingerprint of the plan the person saw
 */
record TagForm(@NotBlank String name,
               @NotNull(message = "Choose the version to change.") Long version,
               @NotBlank(message = "Type the tag to put on this image.") @Size(max = 300, message = "A tag is at most 128 characters.") String tag,
               @Pattern(regexp = "put|remove", message = "Choose whether to put the tag on or take it off.") String action,
               @Size(max = 500) String expected) {

    public boolean removes() {
        return "remove".equals(action);
    }
}
