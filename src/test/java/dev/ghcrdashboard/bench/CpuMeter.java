package dev.ghcrdashboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent between two readings, split by who spent it: the simulator's threads, the benchmark's
 * own HTTP client, and everything else of the dashboard's; plus the whole process (which also counts
 * garbage collection and the JIT compiler). CPU time, unlike wall time, is about the same on a loaded and
 * an idle machine, so it is what runs are compared by. Threads that ended between the readings are lost
 * from the split (not from the process total).
 */
final class CpuMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> startByThread = Map.of();
    private long processStart;
    private long gcStart;

    /**
     * @param gcMillis time the garbage collectors report spent collecting (pauses and concurrent work)
     */
    record Usage(long processNanos, long dashboardNanos, long simulatorNanos, long clientNanos, long gcMillis) {
    }

    void start() {
        gcStart = gcMillis();
        processStart = os.getProcessCpuTime();
        startByThread = perThread();
    }

    Usage stop() {
        long process = os.getProcessCpuTime() - processStart;
        long dashboard = 0;
        long simulator = 0;
        long client = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long spent = now - startByThread.getOrDefault(info.getThreadId(), 0L);
            String name = info.getThreadName();
            if (name.startsWith("github-simulator-")) {
                simulator += spent;
            } else if (name.startsWith("HttpClient-") || name.equals("main")) {
                client += spent;
            } else {
                dashboard += spent;
            }
        }
        return new Usage(process, dashboard, simulator, client, gcMillis() - gcStart);
    }

    private static long gcMillis() {
        long total = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private Map<Long, Long> perThread() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time >= 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }

    /** The 1, 5 and 15 minute load averages as the kernel reports them, e.g. "9.12 10.40 11.02". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return String.format(java.util.Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
