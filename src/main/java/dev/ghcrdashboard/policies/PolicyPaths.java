package dev.ghcrdashboard.policies;

import org.springframework.web.util.UriComponentsBuilder;

/** Links to the policy pages, encoded once here. */
final class PolicyPaths {

    private PolicyPaths() {
    }

    static String list(String owner) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/policies").buildAndExpand(owner).encode().toUriString();
    }

    static String policy(String owner, long id) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/policies/{id}").buildAndExpand(owner, id).encode().toUriString();
    }

    static String run(String owner, long id, long runId) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/policies/{id}/runs/{run}").buildAndExpand(owner, id, runId).encode()
                .toUriString();
    }
}
