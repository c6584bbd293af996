package dev.ghcrdashboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
    private long compileStart;
    private Map<String, Long> nativeStart = Map.of();

    /**
     * @param gcMillis time the garbage collectors report spent collecting (pauses and concurrent work)
     * @param compileMillis time the JIT compilers report spent compiling (their threads are not Java threads, so
     *                      only the process total counts their CPU)
     */
    record Usage(long processNanos, long dashboardNanos, long simulatorNanos, long clientNanos, long gcMillis, long compileMillis,
                 Map<String, Long> vmThreadNanos) {

        /** CPU of one group of the JVM's own threads: {@link #JIT}, {@link #GC} or {@link #OTHER_VM}. */
        long vmNanos(String group) {
            return vmThreadNanos.getOrDefault(group, 0L);
        }
    }

    static final String JIT = "JIT compiler";
    static final String GC = "garbage collector";
    static final String OTHER_VM = "other VM threads";

    void start() {
        gcStart = gcMillis();
        compileStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        processStart = os.getProcessCpuTime();
        startByThread = perThread();
        nativeStart = vmThreads();
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
        Map<String, Long> vm = new TreeMap<>();
        // Per thread, like the Java threads above: the JVM starts and ends compiler threads as its queue grows and shrinks.
        vmThreads().forEach((thread, nanos) -> vm.merge(thread.substring(thread.indexOf(' ') + 1),
                nanos - nativeStart.getOrDefault(thread, 0L), Long::sum));
        return new Usage(process, dashboard, simulator, client, gcMillis() - gcStart,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileStart, vm);
    }

    /**
     * CPU of the JVM's own threads, which {@link ThreadMXBean} does not list, read from Linux's per-thread
     * accounting ({@code /proc/self/task}): "JIT compiler" (C1 and C2 compiler threads), "garbage collector" (G1's
     * threads) and "other VM threads". The compilers' own figure ({@link #compileMillis}) is elapsed time, which a
     * busy machine inflates; this is CPU. Keyed by "TID GROUP"; empty where {@code /proc} is missing.
     */
    private static Map<String, Long> vmThreads() {
        Map<String, Long> byThread = new HashMap<>();
        long tick = 10_000_000L; // USER_HZ is 100 on Linux: a clock tick is 10 ms
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    String group = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? JIT
                            : comm.startsWith("G1 ") || comm.startsWith("GC Thread") ? GC
                            : comm.startsWith("VM ") || comm.startsWith("Sweeper") ? OTHER_VM
                            : null;
                    if (group == null) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // After the command: state is field 0, utime field 11, stime field 12.
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byThread.put(task.getFileName() + " " + group, ticks * tick);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException noProc) {
            return Map.of();
        }
        return byThread;
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

    /**
     * Waits until the JIT compilers have caught up (less than 50 ms of compiling in a second), at most
     * {@code limit}: after a warm-up, compilations it queued run on for many seconds on two cores and would be
     * charged to the measured run. Answers how long it waited.
     */
    static long awaitCompilerQuiet(Duration limit) throws InterruptedException {
        var compiler = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long before = compiler.getTotalCompilationTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            Thread.sleep(1000);
            long now = compiler.getTotalCompilationTime();
            if (now - before < 50) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
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
