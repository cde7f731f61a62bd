package io.lakesync.examples.simulator;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a request to stop after the commit in progress, instead of the
 * JVM's default of exiting under it; the simulator then prints where the table stands and exits
 * with 0. A second signal exits at once (a commit in flight is then simply not published: commits
 * appear atomically or not at all).
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
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                stopping = true;
                System.err.println("lakehouse-simulator: stopping after the current commit (SIG" + signal.getName()
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
