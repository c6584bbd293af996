package dev.ghcrdashboard.web;

import dev.ghcrdashboard.demo.DemoProperties;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.GitHubException;
import dev.ghcrdashboard.github.GitHubProperties;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.RateBudget;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.CurrentUser;
import dev.ghcrdashboard.security.SignedInUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Adds the {@link LayoutModel} to every page rendered by a controller. */
@ControllerAdvice
record LayoutModelAdvice(ObjectProvider<CurrentUser> currentUser, ObjectProvider<OwnerDirectory> ownerDirectory,
                         ObjectProvider<GitHubClient> gitHub, ObjectProvider<DemoProperties> demoProperties,
                         ObjectProvider<GitHubProperties> gitHubProperties) {

    // Providers rather than plain dependencies: web slice tests of one feature render pages without
    // the GitHub side of the application, and then the layout simply shows no owner switcher.
    @ModelAttribute("layout")
    LayoutModel layout(HttpServletRequest request, HtmxRequest htmx) {
        if (htmx.isHtmxRequest()) {
            return null; // fragments do not render the layout
        }
        CurrentUser currentUser = this.currentUser.getIfAvailable();
        OwnerDirectory ownerDirectory = this.ownerDirectory.getIfAvailable();
        GitHubClient gitHub = this.gitHub.getIfAvailable();
        DemoProperties demo = demoProperties.getIfAvailable();
        GitHubProperties gitHubProperties = this.gitHubProperties.getIfAvailable();
        if (currentUser == null || ownerDirectory == null || gitHub == null || demo == null || gitHubProperties == null) {
            return null;
        }
        Optional<SignedInUser> user = currentUser.get(request);
        String callbackUrl = ServletUriComponentsBuilder.fromContextPath(request)
                .path("/login/oauth2/code/github").replaceQuery(null).toUriString();
        String simulatorUrl = demo.enabled() ? gitHubProperties.webUrl().toString() : null;
        if (user.isEmpty()) {
            return new LayoutModel(null, List.of(), null, null, demo.enabled(), simulatorUrl, callbackUrl);
        }
        List<Owner> owners;
        try {
            owners = ownerDirectory.owners(user.get());
        } catch (GitHubException e) {
            owners = List.of(); // the page itself reports GitHub's trouble; the switcher just stays empty
        }
        RateBudget budget = gitHub.lastKnownBudget(user.get().token()).orElse(null);
        return new LayoutModel(user.get().login(), owners, currentOwner(request), budget, demo.enabled(),
                simulatorUrl, callbackUrl);
    }

    private static String currentOwner(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get("owner") instanceof String owner) {
            return owner;
        }
        return null;
    }
}
