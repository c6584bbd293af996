package dev.ghcrdashboard.github;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** How {@link RetryPolicy} waits before a retry; replaceable so tests can see the waits without spending them. */
@FunctionalInterface
interface Pauses {

    Pauses REAL = duration -> Mono.delay(duration).then();

    Mono<Void> pause(Duration duration);
}
