package dev.ghcrdashboard.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Packages, package versions and repositories as GitHub's REST API shapes them (components/schemas of packages-openapi.json). */
record PackageJson(AccountJson accounts) {

    Map<String, Object> pkg(Model.Package pkg) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pkg.id);
        json.put("name", pkg.name);
        json.put("package_type", "container");
        json.put("owner", accounts.owner(pkg.owner));
        json.put("version_count", pkg.activeVersionCount());
        json.put("visibility", pkg.visibility);
        json.put("url", apiUrl(pkg));
        json.put("created_at", pkg.createdAt.toString());
        json.put("updated_at", pkg.updatedAt.toString());
        if (pkg.repository != null) {
            json.put("repository", repository(pkg.repository));
        }
        json.put("html_url", WebUrls.packagePage(accounts.base(), pkg));
        return json;
    }

    Map<String, Object> version(Model.Package pkg, Model.Version version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", version.id);
        json.put("name", version.digest());
        json.put("url", apiUrl(pkg) + "/versions/" + version.id);
        json.put("package_html_url", WebUrls.packagePage(accounts.base(), pkg));
        json.put("created_at", version.createdAt.toString());
        json.put("updated_at", version.updatedAt.toString());
        json.put("html_url", WebUrls.versionPage(accounts.base(), pkg, version.id));
        if (version.deletedAt != null) {
            json.put("deleted_at", version.deletedAt.toString());
        }
        json.put("metadata", Json.obj("package_type", "container", "container", Json.obj("tags", List.copyOf(version.tags))));
        return json;
    }

    private String apiUrl(Model.Package pkg) {
        return accounts.api() + (pkg.ownedByOrg ? "/orgs/" : "/users/") + pkg.owner + "/packages/container/" + WebUrls.encode(pkg.name);
    }

    private Map<String, Object> repository(Model.Repo repo) {
        String url = accounts.api() + "/repos/" + repo.fullName();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repo.id());
        json.put("node_id", AccountJson.nodeId("R_", repo.id()));
        json.put("name", repo.name());
        json.put("full_name", repo.fullName());
        json.put("owner", accounts.owner(repo.owner()));
        json.put("private", repo.isPrivate());
        json.put("visibility", repo.isPrivate() ? "private" : "public");
        json.put("html_url", WebUrls.repositoryPage(accounts.base(), repo));
        json.put("description", null);
        json.put("fork", false);
        json.put("url", url);
        for (String name : List.of("archive_url:/{archive_format}{/ref}", "assignees_url:/assignees{/user}",
                "blobs_url:/git/blobs{/sha}", "branches_url:/branches{/branch}", "collaborators_url:/collaborators{/collaborator}",
                "comments_url:/comments{/number}", "commits_url:/commits{/sha}", "compare_url:/compare/{base}...{head}",
                "contents_url:/contents/{+path}", "contributors_url:/contributors", "deployments_url:/deployments",
                "downloads_url:/downloads", "events_url:/events", "forks_url:/forks", "git_commits_url:/git/commits{/sha}",
                "git_refs_url:/git/refs{/sha}", "git_tags_url:/git/tags{/sha}", "hooks_url:/hooks",
                "issue_comment_url:/issues/comments{/number}", "issue_events_url:/issues/events{/number}",
                "issues_url:/issues{/number}", "keys_url:/keys{/key_id}", "labels_url:/labels{/name}",
                "languages_url:/languages", "merges_url:/merges", "milestones_url:/milestones{/number}",
                "notifications_url:/notifications{?since,all,participating}", "pulls_url:/pulls{/number}",
                "releases_url:/releases{/id}", "stargazers_url:/stargazers", "statuses_url:/statuses/{sha}",
                "subscribers_url:/subscribers", "subscription_url:/subscription", "tags_url:/tags", "teams_url:/teams",
                "trees_url:/git/trees{/sha}")) {
            int colon = name.indexOf(':');
            json.put(name.substring(0, colon), url + name.substring(colon + 1));
        }
        return json;
    }
}
