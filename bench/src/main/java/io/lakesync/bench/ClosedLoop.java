package io.lakesync.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: N client threads, each sending its next request as soon as the previous one is
 * answered, for a warm-up and then a measured span. Only requests that start and end inside the
 * measured span count. The CPU used in that span is split by thread group ({@link ThreadGroupCpu})
 * and PostgreSQL.
 */
final class ClosedLoop {

    /** One client's requests, on its own thread. */
    interface Client extends AutoCloseable {
        /** One request; false when it failed (a wrong answer, not an exception). */
        boolean call() throws Exception;

        @Override
        void close();
    }

    interface Clients {
        Client open(int index) throws Exception;
    }

    /** What one client thread measured. */
    private static final class Tally {
        long[] nanos = new long[1 << 14];
        int count;
        long errors;

        void add(long value) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = value;
        }
    }

    private final long warmUpNanos;
    private final long measureNanos;
    private final long postmaster;
    private final ProcessUsage jvm;

    ClosedLoop(long warmUpSeconds, long measureSeconds, long postmaster, ProcessUsage jvm) {
        this.warmUpNanos = warmUpSeconds * 1_000_000_000L;
        this.measureNanos = measureSeconds * 1_000_000_000L;
        this.postmaster = postmaster;
        this.jvm = jvm;
    }

    /** Runs {@code clients} clients, each on a thread named {@code bench-client-...}. */
    ServingResult run(String scenario, int clients, Clients factory) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        CountDownLatch opened = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        // the clients' threads live until the span's last CPU mark: a finished thread's CPU is gone
        CountDownLatch marked = new CountDownLatch(1);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long[] window = new long[2]; // measured span [start, end), set before go
        for (int i = 0; i < clients; i++) {
            int index = i;
            Tally tally = new Tally();
            tallies.add(tally);
            Thread thread = new Thread(() -> {
                try (Client client = factory.open(index)) {
                    opened.countDown();
                    go.await();
                    long start = window[0];
                    long end = window[1];
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = client.call();
                        } catch (Exception e) {
                            firstFailure.compareAndSet(null, e);
                            ok = false;
                        }
                        long after = System.nanoTime();
                        if (before >= start && after < end) {
                            if (ok) {
                                tally.add(after - before);
                            } else {
                                tally.errors++;
                            }
                        }
                    }
                    marked.await();
                } catch (Throwable e) {
                    firstFailure.compareAndSet(null, e);
                    opened.countDown();
                }
            }, "bench-client-" + scenario.replaceAll("\\W+", "-") + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        opened.await();
        if (firstFailure.get() != null) {
            throw new IllegalStateException("A client of '" + scenario + "' could not start: " + firstFailure.get(),
                    firstFailure.get());
        }
        long now = System.nanoTime();
        window[0] = now + warmUpNanos;
        window[1] = window[0] + measureNanos;
        go.countDown(); // happens-before: the clients read window after await()

        sleepUntil(window[0]);
        CpuMark before = mark();
        sleepUntil(window[1]);
        CpuMark after = mark();
        marked.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        long errors = 0;
        int total = 0;
        for (Tally t : tallies) {
            errors += t.errors;
            total += t.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.nanos, 0, all, at, t.count);
            at += t.count;
        }
        double seconds = measureNanos / 1e9;
        Throwable failure = firstFailure.get();
        return new ServingResult(scenario, clients, new Percentiles(all), errors, seconds,
                CpuSplit.between(before, after, total + errors), failure == null ? null : failure.toString());
    }

    private CpuMark mark() {
        return new CpuMark(jvm.mark(), ThreadGroupCpu.take(), CpuClocks.postgresNanos(postmaster),
                ThreadGroupCpu.postgresSwitches(postmaster));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** Clocks at one moment: this JVM (and the machine), its threads, the local PostgreSQL. */
    record CpuMark(ProcessUsage.Mark jvm, ThreadGroupCpu.Sample threads, long postgresNanos,
            Map<Long, Long> postgresSwitches) {
    }

    /**
     * Where the CPU of a measured span went, in microseconds per request: the clients (the load
     * generator), the portal's request threads (Jetty's pool: Jetty, Javalin, Jackson, pgjdbc,
     * HikariCP), of that the kernel's part (sockets, wake-ups), the JIT compilers, GC (and the VM
     * thread's safepoints), the rest of this JVM,
     * and PostgreSQL; context switches per request of this JVM and of PostgreSQL; how busy the
     * machine was besides (other processes on this shared machine, in cores) and how many of our
     * threads, on average, were ready to run but waited for a core.
     */
    record CpuSplit(double clientMicros, double requestThreadMicros, double requestThreadKernelMicros,
            double jitMicros, double gcMicros, double otherJvmMicros, double postgresMicros, double jvmSwitches,
            double postgresSwitches, double otherCores, double waitingThreads) {

        static CpuSplit between(CpuMark before, CpuMark after, long requests) {
            double n = Math.max(1, requests);
            ThreadGroupCpu.Span threads = after.threads.since(before.threads);
            double client = threads.used(ThreadGroupCpu.Group.CLIENT) / 1e3 / n;
            double request = threads.used(ThreadGroupCpu.Group.REQUEST_THREADS) / 1e3 / n;
            double requestKernel = threads.system(ThreadGroupCpu.Group.REQUEST_THREADS) / 1e3 / n;
            double jit = threads.used(ThreadGroupCpu.Group.JIT) / 1e3 / n;
            double gc = threads.used(ThreadGroupCpu.Group.GC) / 1e3 / n;
            double process = (after.jvm.cpuNanos() - before.jvm.cpuNanos()) / 1e3 / n;
            double postgres = after.postgresNanos < 0 || before.postgresNanos < 0 ? Double.NaN
                    : (after.postgresNanos - before.postgresNanos) / 1e3 / n;
            double wall = Math.max(1, after.jvm.wallNanos() - before.jvm.wallNanos());
            double ourCores = after.jvm.coresSince(before.jvm) + (Double.isNaN(postgres) ? 0
                    : (after.postgresNanos - before.postgresNanos) / wall);
            return new CpuSplit(client, request, requestKernel, jit, gc, Math.max(0, process - client - request - jit - gc),
                    postgres, threads.contextSwitches() / n,
                    ThreadGroupCpu.switchesSince(after.postgresSwitches, before.postgresSwitches) / n,
                    Math.max(0, after.jvm.machineCoresSince(before.jvm) - ourCores), threads.runQueueNanos() / wall);
        }

        double totalMicros() {
            return clientMicros + requestThreadMicros + jitMicros + gcMicros + otherJvmMicros
                    + (Double.isNaN(postgresMicros) ? 0 : postgresMicros);
        }
    }
}
