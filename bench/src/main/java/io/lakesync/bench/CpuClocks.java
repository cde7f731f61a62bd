package io.lakesync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * CPU time spent so far by this JVM, by the current thread, and by the local PostgreSQL server
 * processes (read from /proc; includes exited backends and parallel workers through the
 * postmaster's children counters). Differences of these over a run tell who was busy.
 */
final class CpuClocks {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClocks() {
    }

    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long currentThreadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * CPU of the PostgreSQL server whose postmaster has process id {@code postmaster}: the
     * postmaster (whose children counters hold exited backends and workers) and its live children.
     * Other PostgreSQL servers on the machine are not counted. -1 when the process is not local.
     */
    static long postgresNanos(long postmaster) {
        if (postmaster < 0 || !Files.exists(Paths.get("/proc", Long.toString(postmaster)))) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long[] stat = stat(process);
                if (stat != null && (Long.parseLong(process.getFileName().toString()) == postmaster
                        || stat[0] == postmaster)) {
                    ticks += stat[1];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /**
     * The postmaster of a backend process id, or -1 when that id is not a local PostgreSQL
     * backend (a remote server's ids may belong to unrelated local processes).
     */
    static long postmasterOf(long backendPid) {
        Path backend = Paths.get("/proc", Long.toString(backendPid));
        long[] stat = stat(backend);
        if (stat == null || !isPostgres(backend) || !isPostgres(Paths.get("/proc", Long.toString(stat[0])))) {
            return -1;
        }
        return stat[0];
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim().equals("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** {parent pid, utime + stime + cutime + cstime in ticks} of a process, or null if it is gone. */
    private static long[] stat(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException gone) {
            return null; // the process exited while we looked
        }
        // after "pid (command) ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                + Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
    }
}
