package io.lakesync.bench;

import java.util.List;

/**
 * Options of {@code bench/run portal}.
 *
 * @param durationSeconds measured seconds per scenario (each after a {@link #WARM_UP_SECONDS} warm-up)
 * @param incidents rows of {@code support.incidents}
 * @param poolSize PostgreSQL connections of the portal, and of the raw JDBC limit (same on both sides)
 * @param profile whether to sample the portal's threads in an extra, unmeasured lookup run
 */
record PortalOptions(long durationSeconds, int incidents, int poolSize, boolean profile) {

    static final long WARM_UP_SECONDS = 5;

    static PortalOptions parse(List<String> args) {
        long duration = 30;
        int incidents = 100_000;
        // 2 cores: a few connections keep PostgreSQL busy; more only queue inside it
        int poolSize = 8;
        boolean profile = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--profile")) {
                profile = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw unknown(arg);
            }
            String value = args.get(++i);
            switch (arg) {
                case "--duration":
                    duration = Long.parseLong(value);
                    break;
                case "--incidents":
                    incidents = Integer.parseInt(value);
                    break;
                case "--pool-size":
                    poolSize = Integer.parseInt(value);
                    break;
                default:
                    throw unknown(arg);
            }
        }
        if (duration < 1 || incidents < 100 || poolSize < 2) {
            throw new IllegalArgumentException("portal needs --duration >= 1 s, --incidents >= 100 and --pool-size >= 2"
                    + " (the portal keeps one connection for watching the data version)");
        }
        return new PortalOptions(duration, incidents, poolSize, profile);
    }

    private static IllegalArgumentException unknown(String arg) {
        return new IllegalArgumentException("Unknown option or missing value '" + arg + "' of portal; use"
                + " --duration S --incidents N [--pool-size N] [--profile]");
    }
}
