package io.lakesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * CPU time and resident memory of another local process, read from /proc: a thread samples its
 * VmRSS every 200 ms for the largest value, and {@link #mark()} takes the CPU clock (utime + stime)
 * so that CPU over a span of wall time can be given in cores. A mark also holds how long the
 * process's threads were ready to run but waited for a CPU (schedstat) and how busy the whole
 * machine was: on a shared machine those say whether a slow result is the process's or the machine's.
 */
final class ProcessUsage implements AutoCloseable {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long SAMPLE_MILLIS = 200;

    /**
     * Up to a moment: CPU time used by the process, time its live threads waited for a CPU while
     * ready to run, CPU time used by every process of the machine, and the moment.
     */
    record Mark(long cpuNanos, long runQueueNanos, long machineBusyNanos, long wallNanos) {
        /** Cores the process kept busy on average from {@code earlier} to this mark. */
        double coresSince(Mark earlier) {
            return (cpuNanos - earlier.cpuNanos) / wallSince(earlier);
        }

        double cpuSecondsSince(Mark earlier) {
            return (cpuNanos - earlier.cpuNanos) / 1e9;
        }

        /** Threads of the process waiting for a CPU, on average, from {@code earlier} to this mark. */
        double waitingThreadsSince(Mark earlier) {
            return (runQueueNanos - earlier.runQueueNanos) / wallSince(earlier);
        }

        /** Cores the whole machine kept busy on average (every process, ours and others'). */
        double machineCoresSince(Mark earlier) {
            return (machineBusyNanos - earlier.machineBusyNanos) / wallSince(earlier);
        }

        private double wallSince(Mark earlier) {
            return Math.max(1, wallNanos - earlier.wallNanos);
        }
    }

    private final Path proc;
    private final Thread sampler;
    private volatile long maxRssKb = -1;
    private volatile boolean stopped;

    ProcessUsage(long pid) {
        this.proc = Paths.get("/proc", Long.toString(pid));
        this.sampler = new Thread(this::sample, "process-usage-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!stopped) {
            long rss = statusKb("VmRSS:");
            if (rss > maxRssKb) {
                maxRssKb = rss;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Mark mark() {
        return new Mark(cpuNanos(), runQueueNanos(), machineBusyNanos(), System.nanoTime());
    }

    /** The largest VmRSS sampled so far, in MB; -1 where /proc does not tell. */
    double maxRssMb() {
        return maxRssKb < 0 ? -1 : maxRssKb / 1024.0;
    }

    /** VmHWM: the kernel's own peak resident set of the process, in MB; -1 where /proc does not tell. */
    double peakRssMb() {
        long kb = statusKb("VmHWM:");
        return kb < 0 ? -1 : kb / 1024.0;
    }

    private long cpuNanos() {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // after "pid (command) ": state(3) ppid(4) ... utime(14) stime(15)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the CPU time of " + proc + ": " + e + "; is the process gone?", e);
        }
    }

    /** Sum over the live threads of the time they waited on a run queue (field 2 of schedstat); -1 if unknown. */
    private long runQueueNanos() {
        long sum = 0;
        try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                } catch (IOException threadGone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /** CPU time of the whole machine outside idle and I/O wait, from the first line of /proc/stat. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join(1000);
    }
}
