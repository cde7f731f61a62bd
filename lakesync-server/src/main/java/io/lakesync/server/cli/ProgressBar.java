package io.lakesync.server.cli;

import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.model.SourceVersion;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A one-line progress bar on stderr (rows, rows/s, ETA), redrawn at most five times a second.
 * Drawn only on a terminal, so logs and pipes get the summary line alone.
 */
final class ProgressBar implements ProgressListener {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private long startNanos;
    private long lastDraw;
    private long expected = -1;
    private boolean drawn;

    private ProgressBar(PrintStream out) {
        this.out = out;
    }

    static ProgressListener forTerminal(boolean disabled) {
        return disabled || System.console() == null ? ProgressListener.NONE : new ProgressBar(System.err);
    }

    static ProgressBar drawingTo(PrintStream out) {
        return new ProgressBar(out);
    }

    @Override
    public void started(SourceVersion version, OptionalLong expectedRows) {
        startNanos = System.nanoTime();
        expected = expectedRows.orElse(-1);
    }

    @Override
    public void progressed(long rows) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + render(rows, (now - startNanos) / 1e9) + "\u001b[K");
        out.flush();
        drawn = true;
    }

    @Override
    public void finished() {
        if (drawn) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    String render(long rows, double seconds) {
        double rate = seconds > 0 ? rows / seconds : 0;
        if (expected <= 0) {
            return String.format(Locale.ROOT, "%,d rows  %,.0f rows/s", rows, rate);
        }
        double fraction = Math.min(1.0, (double) rows / expected);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", Math.max(0, expected - rows) / rate) : "?";
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d/%,d rows  %,.0f rows/s  ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, rows, expected, rate, eta);
    }
}
