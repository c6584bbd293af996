package dev.ghcrdashboard.github;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links to github.com pages that the REST answers do not carry (a package's {@code html_url} does; its repository's
 * page is {@code https://github.com/OWNER/REPO}).
 */
@Component
public class GitHubLinks {

    private final String webUrl;

    GitHubLinks(GitHubProperties properties) {
        String base = properties.webUrl().toString();
        this.webUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The repository's page, from its full name ({@code acme/web}); each part encoded on its own. */
    public String repository(String fullName) {
        return webUrl + "/" + Arrays.stream(fullName.split("/", -1))
                .map(part -> UriUtils.encodePathSegment(part, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
