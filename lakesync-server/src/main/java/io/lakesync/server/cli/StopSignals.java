package io.lakesync.server.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a request to stop the running sync, instead of the JVM's default
 * of shutting down under it: the sync rolls back or finishes its apply, the command prints where
 * the table stands and exits with its own code (0 for a continuous sync told to stop). A second
 * signal exits at once; PostgreSQL rolls back whatever was in flight.
 */
final class StopSignals implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals(Runnable stop) {
        SignalHandler handler = new SignalHandler() {
            private volatile boolean stopping;

            @Override
            public void handle(Signal signal) {
                if (stopping) {
                    System.err.println("lakesync: stopping now; the transaction in flight rolls back");
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                stopping = true;
                System.err.println("lakesync: stopping after the current step (signal " + signal.getName()
                        + "; send it again to stop at once)");
                stop.run();
            }
        };
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            signals.add(signal);
            previous.add(Signal.handle(signal, handler));
        }
    }

    static StopSignals install(Runnable stop) {
        return new StopSignals(stop);
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
