package dev.ghcrdashboard.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Explains why the dashboard asks GitHub for more than reading before it sends the person to GitHub
 * a second time, and what happens when they decline.
 */
@Controller
class PermissionController {

    @GetMapping("/permissions/{action:delete|restore|tag}")
    String explain(@PathVariable String action, @RequestParam(name = "return", required = false) String returnTo,
                   SignedInUser user, Model model) {
        String back = ReturnAddress.localPath(returnTo);
        // Ask again for what the person already granted beyond reading, so one upgrade never drops the other.
        Set<String> extras = new LinkedHashSet<>();
        for (Map.Entry<String, String> extra : ScopeUpgrade.EXTRA_SCOPES.entrySet()) {
            if (user.hasScope(extra.getValue())) {
                extras.add(extra.getKey());
            }
        }
        extras.add(action);
        model.addAttribute("action", action);
        model.addAttribute("scope", ScopeUpgrade.EXTRA_SCOPES.get(action));
        model.addAttribute("alreadyGranted", user.hasScope(ScopeUpgrade.EXTRA_SCOPES.get(action)));
        model.addAttribute("returnTo", back);
        model.addAttribute("authorizeUrl", "/oauth2/authorization/github?extra=" + String.join(",", extras)
                + "&return=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        return "security/permission";
    }

    @GetMapping("/permissions/declined")
    String declined(@RequestParam(name = "return", required = false) String returnTo, Model model) {
        model.addAttribute("returnTo", ReturnAddress.localPath(returnTo));
        return "security/permission-declined";
    }
}
