package dev.ghcrdashboard.e2e;

import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Simulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every DELETE of a package version the simulator answered, by version id, with its status: what GitHub saw,
 * independently of what the dashboard recorded.
 */
final class VersionDeletes implements Consumer<RecordedExchange> {

    private static final Pattern VERSION = Pattern.compile("/packages/container/[^/]+/versions/(\\d+)$");

    private final Map<Long, List<Integer>> answers = new ConcurrentHashMap<>();

    static VersionDeletes on(Simulator simulator) {
        VersionDeletes deletes = new VersionDeletes();
        simulator.control().addExchangeListener(deletes);
        return deletes;
    }

    @Override
    public void accept(RecordedExchange exchange) {
        Matcher version = VERSION.matcher(exchange.path());
        if (exchange.method().equals("DELETE") && version.find()) {
            answers.computeIfAbsent(Long.parseLong(version.group(1)), id -> new CopyOnWriteArrayList<>()).add(exchange.status());
        }
    }

    /** Versions GitHub answered 204 for (deleted by that call). */
    long deleted() {
        return answers.values().stream().mapToLong(statuses -> statuses.stream().filter(status -> status == 204).count()).sum();
    }

    /** How many DELETEs of this version GitHub answered with 204. */
    long deletesOf(long versionId) {
        return answers.getOrDefault(versionId, List.of()).stream().filter(status -> status == 204).count();
    }

    /** Whether any DELETE was answered with {@code status} (a fault that fired). */
    boolean answered(int status) {
        return answers.values().stream().anyMatch(statuses -> statuses.contains(status));
    }
}
