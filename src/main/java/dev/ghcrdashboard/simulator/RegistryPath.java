package dev.ghcrdashboard.simulator;

import java.util.List;

/**
 * A {@code /v2/…} path split the way the distribution API's routes read it, from the end: the repository name is
 * everything before the route's fixed part, so nested names ({@code acme/tools/cli}) and tags that look like route
 * words ({@code manifests/manifests}) both resolve.
 *
 * @param reference the tag or digest of a manifest, the digest of a blob, the id of an upload session, else null
 */
record RegistryPath(Kind kind, String repository, String reference) {

    enum Kind {
        MANIFEST, BLOB, UPLOADS, UPLOAD, TAGS, REFERRERS
    }

    /** The path after {@code /v2/}, or null when it names no route with an {@code owner/name} repository. */
    static RegistryPath parse(List<String> path) {
        int n = path.size();
        if (n >= 4 && path.get(n - 2).equals("manifests")) {
            return of(Kind.MANIFEST, path, n - 2, path.get(n - 1));
        }
        if (n >= 4 && path.get(n - 2).equals("blobs") && path.get(n - 1).equals("uploads")) {
            return of(Kind.UPLOADS, path, n - 2, null);
        }
        if (n >= 5 && path.get(n - 3).equals("blobs") && path.get(n - 2).equals("uploads")) {
            return of(Kind.UPLOAD, path, n - 3, path.get(n - 1));
        }
        if (n >= 4 && path.get(n - 2).equals("blobs")) {
            return of(Kind.BLOB, path, n - 2, path.get(n - 1));
        }
        if (n >= 4 && path.get(n - 2).equals("tags") && path.get(n - 1).equals("list")) {
            return of(Kind.TAGS, path, n - 2, null);
        }
        if (n >= 4 && path.get(n - 2).equals("referrers")) {
            return of(Kind.REFERRERS, path, n - 2, path.get(n - 1));
        }
        return null;
    }

    private static RegistryPath of(Kind kind, List<String> path, int end, String reference) {
        return new RegistryPath(kind, String.join("/", path.subList(0, end)), reference);
    }

    String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    String name() {
        return repository.substring(repository.indexOf('/') + 1);
    }

    /** Uploading blobs and putting manifests need {@code push}; everything else reads. */
    boolean writes(String method) {
        return kind == Kind.UPLOADS || kind == Kind.UPLOAD || (kind == Kind.MANIFEST && method.equals("PUT"));
    }
}
