package dev.ghcrdashboard.github;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * The one retry policy for calls to GitHub and to the registry; both apply it to their
 * {@code WebClient} exchanges as a Reactor {@link Retry}.
 *
 * <ul>
 * <li><b>What is retried:</b> an attempt the caller failed with a {@link Retryable}, which it does
 *     for an attempt that got {@linkplain #noAnswer no complete answer} (connection refused or reset,
 *     timeout, connection closed early) and for a {@linkplain #transientStatus transient status}
 *     (5xx; 429 where no rate limit explains it). Every other failure is final at once.
 * <li><b>How often:</b> at most {@code retries} times per call.
 * <li><b>Backoff with jitter:</b> the n-th retry waits a random time between half and all of
 *     {@code backoff × 2ⁿ⁻¹}, so callers that failed together do not all come back at the same moment.
 * <li><b>Waits the server asks for</b> (GitHub's {@code retry-after}, the rate-limit reset, or "at
 *     least a minute" on a secondary limit: docs/ghcr-platform.md §5) are kept exactly and do not count
 *     as retries, but together they may not exceed {@code maxServerWait}: a wait that would go beyond
 *     it is not started, so a person's request never hangs for long.
 * </ul>
 * When the policy gives up, the call fails with its last {@code Retryable}, which the caller turns
 * into an exception of its own.
 */
public final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
    /** More doublings than this would only ever be reached by a misconfiguration; the wait stops growing. */
    private static final int MAX_DOUBLINGS = 10;

    private final int retries;
    private final Duration backoff;
    private final Duration maxServerWait;
    private final Pauses pauses;
    private final DoubleSupplier random;

    /** A policy for a server that never says when to come back (the registry): server waits are refused. */
    public static RetryPolicy of(int retries, Duration backoff) {
        return new RetryPolicy(retries, backoff, Duration.ZERO, Pauses.REAL);
    }

    RetryPolicy(int retries, Duration backoff, Duration maxServerWait, Pauses pauses) {
        this(retries, backoff, maxServerWait, pauses, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random numbers in {@code [0, 1)} that place each backoff between half and all of it */
    RetryPolicy(int retries, Duration backoff, Duration maxServerWait, Pauses pauses, DoubleSupplier random) {
        this.retries = retries;
        this.backoff = backoff;
        this.maxServerWait = maxServerWait;
        this.pauses = pauses;
        this.random = random;
    }

    /** Whether a failed exchange got no complete answer at all, so another attempt may fare better. */
    public static boolean noAnswer(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof WebClientRequestException
                || failure instanceof ReadTimeoutException || failure instanceof PrematureCloseException;
    }

    /** Whether a status says "try again later": a server error, or 429 Too Many Requests. */
    public static boolean transientStatus(int status) {
        return status >= 500 || status == 429;
    }

    /** This policy for one call (a subscription), without telling anyone about the retries. */
    public Retry retry() {
        return retry((failure, wait) -> {
        });
    }

    /** This policy for one call (a subscription); {@code listener} hears of each retry before its wait. */
    public Retry retry(Listener listener) {
        // Reactor asks for a companion per subscription, so the state below belongs to one call.
        return Retry.from(signals -> {
            Spent spent = new Spent();
            return signals.concatMap(signal -> next(signal.failure(), spent, listener));
        });
    }

    private Mono<Boolean> next(Throwable failure, Spent spent, Listener listener) {
        if (!(failure instanceof Retryable retryable)) {
            return Mono.error(failure);
        }
        Duration wait;
        Optional<Duration> asked = retryable.serverWait();
        if (asked.isPresent()) {
            wait = asked.get();
            if (spent.serverWaits.plus(wait).compareTo(maxServerWait) > 0) {
                log.warn("{}; asked to wait {} more, beyond the {} allowed in all; giving up", retryable.getMessage(),
                        wait, maxServerWait);
                return Mono.error(retryable);
            }
            spent.serverWaits = spent.serverWaits.plus(wait);
            log.warn("{}; waiting {} as asked", retryable.getMessage(), wait);
        }
        else {
            if (spent.retries >= retries) {
                log.warn("{}; giving up after {} retries", retryable.getMessage(), spent.retries);
                return Mono.error(retryable);
            }
            wait = backoff(spent.retries);
            spent.retries++;
            log.warn("{}; retry {} of {} in {}", retryable.getMessage(), spent.retries, retries, wait);
        }
        listener.retrying(retryable, wait);
        return pauses.pause(wait).thenReturn(true);
    }

    /** The wait before retry {@code done + 1}: between half and all of {@code backoff × 2^done}. */
    private Duration backoff(int done) {
        long full = backoff.multipliedBy(1L << Math.min(done, MAX_DOUBLINGS)).toNanos();
        return Duration.ofNanos(full / 2 + (long) (full / 2 * random.getAsDouble()));
    }

    /** What one call has used up so far. */
    private static final class Spent {
        int retries;
        Duration serverWaits = Duration.ZERO;
    }

    /** Hears of each retry before its wait (for counters; the policy logs it). */
    @FunctionalInterface
    public interface Listener {

        void retrying(Retryable failure, Duration wait);
    }

    /**
     * An attempt worth repeating. Its message names the call and what went wrong, and is logged:
     * it must never contain a credential.
     */
    public static class Retryable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Duration serverWait;

        /** A transient status: retried with backoff. */
        public Retryable(String message) {
            this(message, (Throwable) null);
        }

        /** No answer ({@code cause} says why), or a transient status: retried with backoff. */
        public Retryable(String message, Throwable cause) {
            super(message, cause);
            this.serverWait = null;
        }

        /** The server asked to come back after {@code serverWait}. */
        public Retryable(String message, Duration serverWait) {
            super(message);
            this.serverWait = serverWait;
        }

        public Optional<Duration> serverWait() {
            return Optional.ofNullable(serverWait);
        }
    }
}
