package dev.ghcrdashboard.web;

import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.CurrentUser;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

@Controller
record HomeController(CurrentUser currentUser, OwnerDirectory owners) {

    @GetMapping("/")
    String home(HttpServletRequest request) {
        Optional<SignedInUser> user = currentUser.get(request);
        return user.map(u -> "redirect:/owners/" + UriUtils.encodePathSegment(u.login(), java.nio.charset.StandardCharsets.UTF_8) + "/packages")
                .orElse("web/home");
    }

    /**
     * The header's "Open owner…" field: a plain GET form (it works without JavaScript), so the typed login arrives as
     * a parameter and is sent on to that owner's packages. People paste "@hubot" or a name with spaces around it.
     */
    @GetMapping("/owners")
    String openOwner(@RequestParam(required = false) String login) {
        String typed = login == null ? "" : login.strip();
        if (typed.isEmpty()) {
            throw new BadRequestException("Type the name of a GitHub user or organization to open its packages.");
        }
        String checked = owners.requireLogin(typed.startsWith("@") ? typed.substring(1) : typed);
        return "redirect:/owners/" + checked + "/packages";
    }

    @GetMapping("/login")
    String login() {
        return "security/login";
    }
}
