package dev.ghcrdashboard.github;

/**
 * A successful answer. For a 304 the body and links are those of the cached 200 it confirmed.
 *
 * @param link raw {@code Link} header, or {@code null}
 * @param oauthScopes raw {@code X-OAuth-Scopes} header, or {@code null}
 */
record GitHubResponse(int status, byte[] body, String link, String oauthScopes, boolean fromCache) {
}
