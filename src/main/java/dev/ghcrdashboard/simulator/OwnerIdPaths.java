package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's owner-by-id path forms: its {@code Link} URLs may name an org as {@code /organizations/{id}/…} and a
 * user as {@code /user/{id}/…}. The simulator can write its links that way and serves both forms.
 */
record OwnerIdPaths(State state) {

    private static final String API = "/api/v3/";

    /** The id form of a request path under {@code /api/v3/orgs/{org}/…} or {@code /api/v3/users/{user}/…}; others unchanged. */
    String byOwnerId(Request request) {
        List<String> segments = request.segments;
        String raw = request.rawPath;
        String rest = raw.substring(API.length());
        if (segments.size() > 3 && segments.get(2).equals("orgs") && state.orgs.containsKey(segments.get(3))) {
            return API + "organizations/" + state.orgs.get(segments.get(3)).id() + rest.substring(rest.indexOf('/', 5));
        }
        if (segments.size() > 3 && segments.get(2).equals("users") && state.users.containsKey(segments.get(3))) {
            return API + "user/" + state.users.get(segments.get(3)).id() + rest.substring(rest.indexOf('/', 6));
        }
        return raw;
    }

    /** Maps the id forms back to the named routes ({@code organizations/1000/…} → {@code orgs/acme/…}). */
    List<String> canonical(List<String> path) {
        if (path.size() >= 2 && path.get(0).equals("organizations")) {
            for (Model.Org org : state.orgs.values()) {
                if (Long.toString(org.id()).equals(path.get(1))) {
                    return renamed(path, "orgs", org.login());
                }
            }
        }
        if (path.size() >= 3 && path.get(0).equals("user") && path.get(1).chars().allMatch(Character::isDigit)) {
            for (Model.User user : state.users.values()) {
                if (Long.toString(user.id()).equals(path.get(1))) {
                    return renamed(path, "users", user.login());
                }
            }
        }
        return path;
    }

    private static List<String> renamed(List<String> path, String kind, String login) {
        List<String> result = new ArrayList<>(path);
        result.set(0, kind);
        result.set(1, login);
        return result;
    }
}
