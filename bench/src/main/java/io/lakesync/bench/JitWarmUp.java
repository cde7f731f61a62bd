package io.lakesync.bench;

import java.util.List;
import java.util.Locale;

/**
 * Load on every code path until the JIT compilers go quiet, before anything is measured. On two
 * cores shared by dozens of busy threads the compiler threads get a small share of the CPU: the
 * portal's hot paths (Jetty, Javalin, Jackson, pgjdbc) took about two minutes under load to reach
 * their final code, and until then the portal used twice the CPU per request. A fixed, short
 * warm-up would measure the JIT instead of the portal.
 */
final class JitWarmUp {

    /** A round of load on one code path. */
    record Path(String name, int clients, ClosedLoop.Clients factory) {
    }

    private static final long ROUND_SECONDS = 5;
    /** Compilers below this share of one core over a whole cycle of the paths count as quiet. */
    private static final double QUIET_CORES = 0.03;

    private JitWarmUp() {
    }

    /**
     * Cycles through {@code paths}, {@value #ROUND_SECONDS} s each, until a whole cycle keeps the
     * compilers quiet or {@code maxSeconds} have passed; prints what it did.
     */
    static void run(List<Path> paths, long maxSeconds, ProcessUsage jvm) throws Exception {
        long start = System.nanoTime();
        ClosedLoop loop = new ClosedLoop(0, ROUND_SECONDS, -1, jvm);
        double cores = Double.NaN;
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            ThreadGroupCpu.Sample before = ThreadGroupCpu.take();
            long cycleStart = System.nanoTime();
            for (Path path : paths) {
                loop.run(path.name(), path.clients(), path.factory());
            }
            long jitNanos = ThreadGroupCpu.take().since(before).used(ThreadGroupCpu.Group.JIT);
            cores = jitNanos / (double) (System.nanoTime() - cycleStart);
            if (cores < QUIET_CORES) {
                break;
            }
        }
        ResultPrinter.line("JIT warm-up: %.0f s of load on every path; the compilers used %s of a core in the last"
                + " cycle%s", (System.nanoTime() - start) / 1e9, String.format(Locale.ROOT, "%.0f%%", cores * 100),
                cores < QUIET_CORES ? "" : " (not yet quiet: the first scenarios may be slower)");
    }
}
