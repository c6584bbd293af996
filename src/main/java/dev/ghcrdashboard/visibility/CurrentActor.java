package dev.ghcrdashboard.visibility;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who is behind the current request. Kept as a port so this feature does not depend on the security
 * module; the application wires it to the signed-in user.
 */
public interface CurrentActor {

    Optional<Actor> get(HttpServletRequest request);
}
