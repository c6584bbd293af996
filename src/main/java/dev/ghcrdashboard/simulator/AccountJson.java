package dev.ghcrdashboard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, organizations and memberships as GitHub's REST API shapes them (components/schemas of packages-openapi.json). */
record AccountJson(State state, String base) {

    /** The REST API's base, as GitHub Enterprise Server lays it out. */
    String api() {
        return base + "/api/v3";
    }

    Map<String, Object> simpleUser(long id, String login, String type) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("login", login);
        user.put("id", id);
        user.put("node_id", nodeId(type.equals("User") ? "U_" : "O_", id));
        user.put("avatar_url", base + "/avatars/u/" + id + "?v=4");
        user.put("gravatar_id", "");
        user.put("url", api() + "/users/" + login);
        user.put("html_url", base + "/" + login);
        user.put("followers_url", api() + "/users/" + login + "/followers");
        user.put("following_url", api() + "/users/" + login + "/following{/other_user}");
        user.put("gists_url", api() + "/users/" + login + "/gists{/gist_id}");
        user.put("starred_url", api() + "/users/" + login + "/starred{/owner}{/repo}");
        user.put("subscriptions_url", api() + "/users/" + login + "/subscriptions");
        user.put("organizations_url", api() + "/users/" + login + "/orgs");
        user.put("repos_url", api() + "/users/" + login + "/repos");
        user.put("events_url", api() + "/users/" + login + "/events{/privacy}");
        user.put("received_events_url", api() + "/users/" + login + "/received_events");
        user.put("type", type);
        user.put("user_view_type", "public");
        user.put("site_admin", false);
        return user;
    }

    /** The simple-user of an account login: an org, a user, or (for a repository owner the scenario does not know) a bare user. */
    Map<String, Object> owner(String login) {
        Model.Org org = state.orgs.get(login);
        if (org != null) {
            return simpleUser(org.id(), org.login(), "Organization");
        }
        Model.User user = state.users.get(login);
        return user != null ? simpleUser(user.id(), user.login(), "User") : simpleUser(0, login, "User");
    }

    Map<String, Object> publicUser(long id, String login, String name, String type) {
        Map<String, Object> user = simpleUser(id, login, type);
        user.put("name", name);
        user.put("company", null);
        user.put("blog", "");
        user.put("location", null);
        user.put("email", null);
        user.put("hireable", null);
        user.put("bio", null);
        user.put("twitter_username", null);
        user.put("public_repos", 0);
        user.put("public_gists", 0);
        user.put("followers", 0);
        user.put("following", 0);
        user.put("created_at", "2015-01-01T00:00:00Z");
        user.put("updated_at", "2025-01-01T00:00:00Z");
        return user;
    }

    Map<String, Object> privateUser(Model.User user) {
        Map<String, Object> json = publicUser(user.id(), user.login(), user.name(), "User");
        json.put("user_view_type", "private");
        json.put("email", user.email());
        json.put("private_gists", 0);
        json.put("total_private_repos", 0);
        json.put("owned_private_repos", 0);
        json.put("disk_usage", 0);
        json.put("collaborators", 0);
        json.put("two_factor_authentication", true);
        json.put("plan", Json.obj("name", "free", "space", 976_562_499, "collaborators", 0, "private_repos", 10_000));
        return json;
    }

    Map<String, Object> orgSimple(Model.Org org) {
        Map<String, Object> json = new LinkedHashMap<>();
        String url = api() + "/orgs/" + org.login();
        json.put("login", org.login());
        json.put("id", org.id());
        json.put("node_id", nodeId("O_", org.id()));
        json.put("url", url);
        json.put("repos_url", url + "/repos");
        json.put("events_url", url + "/events");
        json.put("hooks_url", url + "/hooks");
        json.put("issues_url", url + "/issues");
        json.put("members_url", url + "/members{/member}");
        json.put("public_members_url", url + "/public_members{/member}");
        json.put("avatar_url", base + "/avatars/u/" + org.id() + "?v=4");
        json.put("description", org.description());
        return json;
    }

    Map<String, Object> membership(Model.Org org, Model.User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api() + "/orgs/" + org.login() + "/memberships/" + user.login());
        json.put("state", "active");
        json.put("role", org.roles().get(user.login()));
        json.put("organization_url", api() + "/orgs/" + org.login());
        json.put("organization", orgSimple(org));
        json.put("user", simpleUser(user.id(), user.login(), "User"));
        json.put("permissions", Json.obj("can_create_repository", true));
        return json;
    }

    /** A team as {@code GET /orgs/{org}/teams} lists it; its id is derived from the org id and its position. */
    Map<String, Object> team(Model.Org org, String slug) {
        long id = org.id() * 1000 + List.copyOf(org.teams().keySet()).indexOf(slug) + 1;
        String url = api() + "/organizations/" + org.id() + "/team/" + id;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("node_id", nodeId("T_", id));
        json.put("url", url);
        json.put("html_url", base + "/orgs/" + org.login() + "/teams/" + slug);
        json.put("name", slug);
        json.put("slug", slug);
        json.put("description", null);
        json.put("privacy", "closed");
        json.put("notification_setting", "notifications_enabled");
        json.put("permission", "pull");
        json.put("members_url", url + "/members{/member}");
        json.put("repositories_url", url + "/repos");
        json.put("type", "organization");
        json.put("organization_id", org.id());
        json.put("parent", null);
        return json;
    }

    /** {@code GET /orgs/{org}/teams/{team_slug}/memberships/{username}}: GitHub documents url, role and state. */
    Map<String, Object> teamMembership(Model.Org org, String slug, String login) {
        long id = org.id() * 1000 + List.copyOf(org.teams().keySet()).indexOf(slug) + 1;
        return Json.obj("url", api() + "/organizations/" + org.id() + "/team/" + id + "/memberships/" + login,
                "role", "member", "state", "active");
    }

    static String nodeId(String prefix, long id) {
        return prefix + Base64.getEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }
}
