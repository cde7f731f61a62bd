package io.lakesync.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** CPU clocks at one moment (JVM, its collector pauses, local PostgreSQL), to report what a run used. */
record CpuSample(long jvmNanos, long gcMillis, long postgresNanos) {

    static CpuSample take(long postmaster) {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        return new CpuSample(CpuClocks.jvmNanos(), gc, CpuClocks.postgresNanos(postmaster));
    }

    /**
     * A sample taken a moment after a run: the backends of connections the run closed need that
     * moment to exit, and only then does their CPU show in the postmaster's count of its children.
     */
    static CpuSample takeSettled(long postmaster) throws InterruptedException {
        Thread.sleep(500);
        return take(postmaster);
    }

    /** "JVM CPU x s (GC y s), PostgreSQL CPU z s" between {@code before} and this sample. */
    String since(CpuSample before) {
        String postgres = postgresNanos < 0 || before.postgresNanos < 0 ? "n/a (not a local server)"
                : String.format("%.2f s", (postgresNanos - before.postgresNanos) / 1e9);
        return String.format("JVM CPU %.2f s (GC time %.2f s), PostgreSQL CPU %s",
                (jvmNanos - before.jvmNanos) / 1e9, (gcMillis - before.gcMillis) / 1e3, postgres);
    }
}
