package io.lakesync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A poor man's sampling profiler for the profile mode: every few milliseconds it records the state
 * and the top frames of the sync's threads (the source reader and the writer), so the report can
 * say where each thread spends its time, not only how much CPU it used.
 */
final class ThreadSampler implements AutoCloseable {

    private static final int INTERVAL_MILLIS = 5;
    private static final int FRAMES = 4;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long writerThreadId;
    private final Map<String, Map<String, Integer>> samplesByThread = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts sampling the calling thread (the writer) and any thread named {@code lakesync-source-reader}. */
    ThreadSampler() {
        this.writerThreadId = Thread.currentThread().getId();
        this.sampler = new Thread(this::sampleUntilClosed, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilClosed() {
        while (running) {
            for (ThreadInfo info : threads.dumpAllThreads(false, false, FRAMES)) {
                String role = info.getThreadId() == writerThreadId ? "writer (sync thread)"
                        : info.getThreadName().equals("lakesync-source-reader") ? "reader" : null;
                if (role != null) {
                    samplesByThread.computeIfAbsent(role, r -> new HashMap<>()).merge(describe(info), 1, Integer::sum);
                }
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String describe(ThreadInfo info) {
        StringBuilder where = new StringBuilder(info.getThreadState().name());
        for (StackTraceElement frame : info.getStackTrace()) {
            where.append(" < ").append(frame.getClassName().replaceAll(".*\\.", "")).append('.')
                    .append(frame.getMethodName());
        }
        return where.toString();
    }

    /** Prints each thread's most frequent states and frames with their share of the samples. */
    void report(int top) {
        samplesByThread.forEach((role, counts) -> {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            ResultPrinter.line("    %s thread, %d samples:", role, total);
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                    .forEach(e -> ResultPrinter.line("      %3.0f%%  %s", 100.0 * e.getValue() / total, e.getKey()));
        });
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
