package dev.ghcrdashboard.github;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the GitHub REST client.
 *
 * @param apiUrl REST base ({@code https://HOST/api/v3} on GitHub Enterprise Server)
 * @param webUrl web base, for links to pages that have no API (package settings)
 * @param pageConcurrency how many pages of one listing are fetched at the same time; GitHub's
 *        secondary limit allows about 100 concurrent requests for all users of a token together
 * @param maxSecondaryWait the longest a single call waits, in total, for GitHub's secondary rate
 *        limit to pass before it gives up; a web request must not hang for long
 * @param secondaryBackoff first wait on a secondary limit that names no retry time (GitHub asks
 *        for at least a minute), doubled on each further hit
 * @param retries how many times a call that got a 5xx answer or no answer at all (timeout, refused
 *        connection) is retried before giving up
 * @param retryBackoff the longest wait before the first such retry, doubled for each further one;
 *        each wait is drawn at random between half and all of it, so clients do not return in step
 * @param requestTimeout limit for one request, from connecting to the last byte of the body
 * @param maxResponseSize largest response body accepted, in bytes (a page of 100 packages with
 *        their owner and repository objects exceeds WebClient's 256 KiB default)
 * @param conditionalCacheBytes memory bound of the ETag cache (bodies of earlier answers, deflated: a page of 100
 *        versions to about a seventh)
 */
@Validated
@ConfigurationProperties("ghcr-dashboard.github")
public record GitHubProperties(
        @DefaultValue("https://api.github.com") @NotNull URI apiUrl,
        @DefaultValue("https://github.com") @NotNull URI webUrl,
        @DefaultValue("6") @Min(1) int pageConcurrency,
        @DefaultValue("90s") @NotNull Duration maxSecondaryWait,
        @DefaultValue("60s") @NotNull Duration secondaryBackoff,
        @DefaultValue("2") @Min(0) int retries,
        @DefaultValue("500ms") @NotNull Duration retryBackoff,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("8388608") @Min(1) int maxResponseSize,
        @DefaultValue("33554432") @Min(0) long conditionalCacheBytes) {

    /** Defaults for github.com, as if nothing were configured. */
    public static GitHubProperties defaults() {
        return forApi(URI.create("https://api.github.com"));
    }

    static GitHubProperties forApi(URI apiUrl) {
        return new GitHubProperties(apiUrl, URI.create("https://github.com"), 6, Duration.ofSeconds(90),
                Duration.ofSeconds(60), 2, Duration.ofMillis(500),
                Duration.ofSeconds(30), 8 * 1024 * 1024, 32L * 1024 * 1024);
    }
}
