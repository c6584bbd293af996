package dev.ghcrdashboard.simulator;

import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What GitHub adds to every REST answer: a weak {@code ETag} with {@code 304} for a matching {@code If-None-Match}
 * (not charged to the rate limit), {@code Cache-Control} on what a GET answers, the {@code x-ratelimit-*} headers,
 * the token's scopes and GitHub's media headers.
 */
record RestHeaders(Counters counters, RateLimits limits) {

    Response finish(RestCall call, Response answer, boolean chargeable) {
        Response response = answer;
        if (call.request.method.equals("GET") && response.status == 200) {
            // GitHub lets caches keep an answer for 60 s; an authenticated one only in the asker's own cache.
            response.setHeader("Cache-Control", (call.token == null ? "public" : "private") + ", max-age=60, s-maxage=60");
            String etag = "W/\"" + HexFormat.of().formatHex(Digests.hash(response.body)).substring(0, 40) + "\"";
            response.setHeader("ETag", etag);
            String ifNoneMatch = call.request.header("If-None-Match");
            if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
                Response notModified = Response.empty(304);
                response.headers.forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Content-Type")) {
                        notModified.headers.put(name, values);
                    }
                });
                response = notModified;
            }
        }
        if (response.status == 304) {
            counters.restNotModified.incrementAndGet();
        } else if (chargeable) {
            limits.charge(call.token);
        }
        RateLimits.Status status = limits.status(call.token);
        response.setHeader("x-ratelimit-limit", Integer.toString(status.limit()));
        response.setHeader("x-ratelimit-remaining", Long.toString(status.remaining()));
        response.setHeader("x-ratelimit-used", Long.toString(status.used()));
        response.setHeader("x-ratelimit-reset", Long.toString(status.resetEpochSeconds()));
        response.setHeader("x-ratelimit-resource", "core");
        response.setHeader("X-OAuth-Scopes", String.join(", ", new TreeSet<>(call.scopes)));
        if (response.firstHeader("X-Accepted-OAuth-Scopes") == null) {
            response.setHeader("X-Accepted-OAuth-Scopes", call.acceptedScopes());
        }
        response.setHeader("X-GitHub-Media-Type", "github.v3; format=json");
        response.setHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
        response.setHeader("X-GitHub-Request-Id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        response.setHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
        return response;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        String bare = etag.replace("W/", "");
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.replace("W/", "").equals(bare)) {
                return true;
            }
        }
        return false;
    }
}
