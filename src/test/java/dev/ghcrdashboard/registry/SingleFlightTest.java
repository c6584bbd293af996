package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghcrdashboard.caching.CacheStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Callers asking for the same thing at once share one request, and its outcome, whatever it is. */
@ExtendWith(OutputCaptureExtension.class)
class SingleFlightTest {

    private final CacheStatistics caches = new CacheStatistics();
    private final SingleFlight<String> flight = new SingleFlight<>("test.flight", caches);

    @Test
    void aCallerWhoAsksWhileTheWorkRunsSharesItsResult() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> flight.run("token", () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
            return "t1";
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> flight.run("token", () -> {
            runs.incrementAndGet();
            return "t2";
        }));
        awaitJoined();
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("t1");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("t1");
        assertThat(runs).as("one run for both").hasValue(1);
        assertThat(flight.run("token", () -> "t3")).as("free again once it ended").isEqualTo("t3");
    }

    @Test
    void aCallerWhoAsksWhileTheWorkRunsSharesItsFailureToo() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> flight.run("token", () -> {
            started.countDown();
            await(release);
            throw new RegistryAccessDeniedException("token denied (401) for acme/private as anonymous");
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> flight.run("token", () -> "not asked"));
        awaitJoined();
        release.countDown();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RegistryAccessDeniedException.class);
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).as("the same refusal, not a run of its own")
                .hasCauseInstanceOf(RegistryAccessDeniedException.class);
    }

    @Test
    void aRefusalReachesTheCallerAndIsNoWarningInTheLog(CapturedOutput output) {
        assertThatThrownBy(() -> flight.run("anonymous", () -> {
            throw new RegistryAccessDeniedException("token denied (401) for acme/private as anonymous");
        })).isInstanceOf(RegistryAccessDeniedException.class);

        assertThat(flight.run("anonymous", () -> "later")).isEqualTo("later");
        assertThat(output).doesNotContain("asynchronous load").doesNotContain("RegistryAccessDeniedException");
    }

    /** Until the second caller has joined the running work. */
    private void awaitJoined() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caches.snapshot().get("test.flight").hitCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
