package dev.ghcrdashboard.owners;

import dev.ghcrdashboard.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every page about an owner ({@code /owners/{owner}/…}) the person's {@link OwnerAccess} as
 * {@code access}, so templates show a viewer what they cannot do and why, instead of offering it. It knows
 * only the person's own owners; the browsing pages, which also open other owners, put their own in its place
 * ({@link OwnerDirectory#requireReadable}).
 */
@ControllerAdvice
record OwnerAccessAdvice(ObjectProvider<CurrentUser> currentUser, ObjectProvider<OwnerDirectory> owners) {

    // Providers: web slice tests of one feature render its pages without this module's beans.
    @ModelAttribute("access")
    OwnerAccess access(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        CurrentUser users = currentUser.getIfAvailable();
        OwnerDirectory directory = owners.getIfAvailable();
        if (!(variables instanceof Map<?, ?> map) || !(map.get("owner") instanceof String login) || users == null
                || directory == null) {
            return null;
        }
        return users.get(request)
                .flatMap(user -> directory.find(user, login).map(owner -> directory.access(user, owner)))
                .orElse(null);
    }
}
