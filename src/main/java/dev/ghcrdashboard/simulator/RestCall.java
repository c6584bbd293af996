package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One REST request being answered: who asks (the token, its user and its scopes) and which scopes the
 * endpoint accepts, which GitHub reports in {@code X-Accepted-OAuth-Scopes}.
 */
final class RestCall {

    final Request request;
    final String token;
    final Model.User user;
    final Set<String> scopes;
    private String acceptedScopes = "";

    RestCall(Request request, String token, Model.User user, Set<String> scopes) {
        this.request = request;
        this.token = token;
        this.user = user;
        this.scopes = scopes;
    }

    String login() {
        return user.login();
    }

    String acceptedScopes() {
        return acceptedScopes;
    }

    /** Records what the endpoint accepts and ends the request with GitHub's 403 when a scope is missing. */
    void requireScopes(String... required) {
        acceptedScopes = String.join(", ", required);
        List<String> missing = new ArrayList<>();
        for (String scope : required) {
            if (!Scopes.grants(scopes, scope)) {
                missing.add(scope);
            }
        }
        if (!missing.isEmpty()) {
            Response response = RestErrors.error(403, "Your token has not been granted the required scopes to execute this query. The '"
                    + String.join("', '", missing) + "' scope is required, but your token has only been granted: "
                    + new TreeSet<>(scopes) + ".", RestErrors.DOCS);
            response.setHeader("X-Accepted-OAuth-Scopes", acceptedScopes);
            throw new HttpFailure(response);
        }
    }
}
