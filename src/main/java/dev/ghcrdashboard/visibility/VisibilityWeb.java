package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** What every visibility controller needs: the person, the owner, and checked request values. */
@Component
class VisibilityWeb {

    private static final int MAX_NAME_LENGTH = 255;

    private final CurrentActor currentActor;
    private final OwnerLookup owners;

    VisibilityWeb(CurrentActor currentActor, OwnerLookup owners) {
        this.currentActor = currentActor;
        this.owners = owners;
    }

    Actor actor(HttpServletRequest request) {
        return currentActor.get(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }

    /** The owner of the URL, if this person may look at it; otherwise the same "not found" GitHub would answer. */
    Owner owner(Actor actor, String login) {
        return owners.find(actor, login).orElseThrow(() -> new OwnerNotFoundException(login));
    }

    static String packageName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidVisibilityRequestException("The package name is missing or too long.");
        }
        return trimmed;
    }

    static Visibility target(String target) {
        return switch (target == null ? "" : target) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default -> throw new InvalidVisibilityRequestException("A package can only be made public or private.");
        };
    }

    /** The owner in the URL is unknown to this person. */
    static class OwnerNotFoundException extends RuntimeException {

        OwnerNotFoundException(String login) {
            super("No owner " + login + " visible to this person");
        }
    }
}
