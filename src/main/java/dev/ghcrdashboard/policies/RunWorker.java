package dev.ghcrdashboard.policies;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one thread of this instance that carries out policy runs, one after the other: a run plans every covered
 * package, which can take minutes, and must hold up neither the request nor the scheduler that started it. A daemon,
 * stopped with the application; a run it leaves unfinished is ended as stale ({@link PolicyRuns}).
 */
@Component
final class RunWorker implements DisposableBean {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "policy-runs");
        thread.setDaemon(true);
        return thread;
    });

    void submit(Runnable run) {
        executor.submit(run);
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
