package dev.ghcrdashboard.web;

import dev.ghcrdashboard.security.CurrentUser;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriUtils;

@Controller
record HomeController(CurrentUser currentUser) {

    @GetMapping("/")
    String home(HttpServletRequest request) {
        Optional<SignedInUser> user = currentUser.get(request);
        return user.map(u -> "redirect:/owners/" + UriUtils.encodePathSegment(u.login(), java.nio.charset.StandardCharsets.UTF_8) + "/packages")
                .orElse("web/home");
    }

    @GetMapping("/login")
    String login() {
        return "security/login";
    }
}
