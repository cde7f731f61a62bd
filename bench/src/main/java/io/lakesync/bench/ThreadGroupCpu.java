package io.lakesync.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * User and kernel CPU time, run-queue waits and context switches of this JVM's threads, summed by
 * what the threads are (by name, as Linux shows it in /proc/self/task/N/comm, cut to 15
 * characters): the load generator's clients, the portal's request threads (Jetty's pool), the JIT
 * compilers, the garbage collector (and safepoints), the rest. Kernel time and switches matter here: every
 * request crosses two loopback TCP connections and wakes several threads, and on two cores that
 * work is a large share of the total. Spans are compared thread by thread, so that a thread ending
 * in between (an HttpClient's selector, say) does not take time away from the span.
 */
final class ThreadGroupCpu {

    /** Linux reports task times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    enum Group { CLIENT, REQUEST_THREADS, JIT, GC, OTHER }

    /** One thread's clocks: user and kernel CPU, time waiting for a core (ns), context switches. */
    private record Task(Group group, long user, long system, long runQueue, long switches) {
    }

    /** The clocks of every live thread at one moment, by thread id. */
    static final class Sample {
        private final Map<Long, Task> tasks;

        private Sample(Map<Long, Task> tasks) {
            this.tasks = tasks;
        }

        /** What the threads did from {@code before} to this sample (threads new since then from zero). */
        Span since(Sample before) {
            int groups = Group.values().length;
            long[] user = new long[groups];
            long[] system = new long[groups];
            long runQueue = 0;
            long switches = 0;
            for (Map.Entry<Long, Task> e : tasks.entrySet()) {
                Task now = e.getValue();
                Task then = before.tasks.getOrDefault(e.getKey(), new Task(now.group, 0, 0, 0, 0));
                int g = now.group.ordinal();
                user[g] += now.user - then.user;
                system[g] += now.system - then.system;
                runQueue += now.runQueue - then.runQueue;
                switches += now.switches - then.switches;
            }
            return new Span(user, system, runQueue, switches);
        }
    }

    /** Nanoseconds per group over a span; run-queue nanoseconds and context switches of all threads. */
    record Span(long[] user, long[] system, long runQueueNanos, long contextSwitches) {

        long used(Group g) {
            return user[g.ordinal()] + system[g.ordinal()];
        }

        long system(Group g) {
            return system[g.ordinal()];
        }
    }

    private ThreadGroupCpu() {
    }

    static Group groupOf(String name) {
        if (name.startsWith("bench-client") || name.startsWith("HttpClient-")) {
            return Group.CLIENT;
        }
        if (name.startsWith("JettyServerThre")) {
            return Group.REQUEST_THREADS;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return Group.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return Group.GC;
        }
        return Group.OTHER;
    }

    /** The current clocks of this JVM's threads; empty where /proc cannot be read (not Linux). */
    static Sample take() {
        Map<Long, Task> tasks = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
            for (Path dir : dirs) {
                try {
                    tasks.put(Long.parseLong(dir.getFileName().toString()), task(dir));
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return new Sample(Map.of());
        }
        return new Sample(tasks);
    }

    /**
     * Context switches of the PostgreSQL server processes (children of {@code postmaster}), by
     * process id; empty when the server is not local.
     */
    static Map<Long, Long> postgresSwitches(long postmaster) {
        Map<Long, Long> switches = new HashMap<>();
        if (postmaster < 0) {
            return switches;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    if (parent == postmaster) {
                        switches.put(Long.parseLong(process.getFileName().toString()), switches(process));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return switches;
    }

    /** Switches from {@code before} to {@code after}, process by process (new ones from zero). */
    static long switchesSince(Map<Long, Long> after, Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static long switches(Path dir) throws IOException {
        long switches = 0;
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }

    private static Task task(Path dir) throws IOException {
        Group group = groupOf(Files.readString(dir.resolve("comm")).trim());
        String stat = Files.readString(dir.resolve("stat"));
        // after "pid (command) ": state(3) ppid(4) ... utime(14) stime(15)
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long runQueue = Long.parseLong(Files.readString(dir.resolve("schedstat")).trim().split(" ")[1]);
        long switches = switches(dir);
        return new Task(group, Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK,
                runQueue, switches);
    }
}
