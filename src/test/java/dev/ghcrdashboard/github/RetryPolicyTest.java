package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/** The rules both the GitHub and the registry client retry by; waits are recorded, not spent. */
class RetryPolicyTest {

    final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    final Pauses recording = duration -> {
        pauses.add(duration);
        return Mono.empty();
    };
    /** Where in its range each backoff lands: 0 is half the backoff, just under 1 all of it. */
    final Deque<Double> jitter = new ArrayDeque<>();
    final List<String> heard = new ArrayList<>();

    RetryPolicy policy(int retries, Duration backoff, Duration maxServerWait) {
        return new RetryPolicy(retries, backoff, maxServerWait, recording, () -> jitter.isEmpty() ? 0.5 : jitter.poll());
    }

    /** Runs one call whose n-th attempt (from 1) does what {@code attempt} says. */
    String call(RetryPolicy policy, IntFunction<Mono<String>> attempt) {
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> attempt.apply(attempts.incrementAndGet()))
                .retryWhen(policy.retry((failure, wait) -> heard.add(failure.getMessage() + " / " + wait)))
                .block();
    }

    static Mono<String> failing(String message) {
        return Mono.error(new RetryPolicy.Retryable(message));
    }

    static Mono<String> askingToWait(String message, Duration wait) {
        return Mono.error(new RetryPolicy.Retryable(message, wait));
    }

    @Test
    void aTransientFailureIsRetriedAndTheCallSucceedsOnceTheServerRecovers() {
        String answer = call(policy(2, Duration.ofMillis(100), Duration.ZERO),
                n -> n == 1 ? failing("502 on attempt 1") : Mono.just("ok on attempt " + n));

        assertThat(answer).isEqualTo("ok on attempt 2");
        assertThat(pauses).hasSize(1);
        assertThat(heard).singleElement().asString().startsWith("502 on attempt 1 / ");
    }

    @Test
    void afterTheConfiguredRetriesTheLastFailureSurfaces() {
        RetryPolicy policy = policy(2, Duration.ofMillis(100), Duration.ZERO);

        assertThatThrownBy(() -> call(policy, n -> failing("503 on attempt " + n)))
                .isInstanceOf(RetryPolicy.Retryable.class)
                .hasMessage("503 on attempt 3");
        assertThat(pauses).hasSize(2);
    }

    @Test
    void eachRetryWaitsTwiceAsLongAsTheOneBeforeDrawnBetweenHalfAndAllOfIt() {
        jitter.addAll(List.of(0.0, 0.999_999, 0.5));

        assertThatThrownBy(() -> call(policy(3, Duration.ofMillis(100), Duration.ZERO), n -> failing("500")))
                .isInstanceOf(RetryPolicy.Retryable.class);

        assertThat(pauses).hasSize(3);
        assertThat(pauses.get(0)).as("half of 100ms").isEqualTo(Duration.ofMillis(50));
        assertThat(pauses.get(1)).as("nearly all of 200ms").isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(pauses.get(2)).as("three quarters of 400ms").isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aFailureTheCallerDoesNotCallRetryableIsFinalAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> call(policy(2, Duration.ofMillis(100), Duration.ZERO), n -> {
            attempts.incrementAndGet();
            return Mono.error(new IllegalStateException("404 is an answer"));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aWaitTheServerAsksForIsKeptExactlyAndIsNotARetry() {
        String answer = call(policy(1, Duration.ofMillis(100), Duration.ofSeconds(90)), n -> switch (n) {
            case 1, 2 -> askingToWait("secondary rate limit", Duration.ofSeconds(7));
            case 3 -> failing("502");
            default -> Mono.just("ok");
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(pauses).hasSize(3);
        assertThat(pauses.subList(0, 2)).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(heard).hasSize(3);
    }

    @Test
    void aServerWaitThatWouldExceedTheTotalBoundIsNotStarted() {
        RetryPolicy policy = policy(2, Duration.ofMillis(100), Duration.ofSeconds(90));

        assertThatThrownBy(() -> call(policy, n -> askingToWait("wait " + n, Duration.ofSeconds(60).multipliedBy(n))))
                .isInstanceOfSatisfying(RetryPolicy.Retryable.class,
                        last -> assertThat(last.serverWait()).contains(Duration.ofSeconds(120)))
                .hasMessage("wait 2");
        assertThat(pauses).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aPolicyThatAcceptsNoServerWaitsFailsOnTheFirstRequest() {
        assertThatThrownBy(() -> call(policy(2, Duration.ofMillis(100), Duration.ZERO),
                n -> askingToWait("retry-after 1", Duration.ofSeconds(1))))
                .hasMessage("retry-after 1");
        assertThat(pauses).isEmpty();
    }

    @Test
    void everyCallHasItsOwnRetriesEvenWithTheSameRetrySpec() {
        RetryPolicy policy = policy(1, Duration.ofMillis(100), Duration.ZERO);
        var retry = policy.retry();
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> flaky = Mono.defer(() -> attempts.incrementAndGet() % 2 == 1 ? failing("500") : Mono.just("ok"));

        assertThat(flaky.retryWhen(retry).block()).isEqualTo("ok");
        assertThat(flaky.retryWhen(retry).block()).as("the first call's retry is not used up for the second").isEqualTo("ok");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void noAnswerMeansTheRequestGotNoCompleteAnswer() {
        var refused = new WebClientRequestException(new ConnectException("Connection refused"), HttpMethod.GET,
                URI.create("https://ghcr.io/v2/"), HttpHeaders.EMPTY);

        assertThat(RetryPolicy.noAnswer(new TimeoutException())).isTrue();
        assertThat(RetryPolicy.noAnswer(refused)).isTrue();
        assertThat(RetryPolicy.noAnswer(ReadTimeoutException.INSTANCE)).isTrue();
        assertThat(RetryPolicy.noAnswer(new IllegalArgumentException("bad URL"))).isFalse();
    }

    @Test
    void serverErrorsAndTooManyRequestsAreTransientOtherStatusesAreAnswers() {
        assertThat(List.of(500, 502, 503, 504, 429)).allMatch(RetryPolicy::transientStatus);
        assertThat(List.of(200, 304, 400, 401, 403, 404, 405, 422)).noneMatch(RetryPolicy::transientStatus);
    }
}
