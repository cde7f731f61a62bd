package io.lakesync.bench;

import java.util.List;

/**
 * Options of {@code bench/run fifty-tables}. The load ({@code --tables}, {@code --duration},
 * {@code --commit-interval-ms}) and the server's settings, passed to {@code lakesync server} as
 * they are so that a slow result can be retried with other settings without a rebuild.
 *
 * @param workers {@code --workers} of the server: runs at once over all tables
 * @param pollIntervalMillis {@code --poll-interval-ms} of the server: the lag no poller can beat
 * @param maxConnections {@code --max-connections} of the server's PostgreSQL pool
 */
record FiftyTablesOptions(int tables, long durationSeconds, long commitIntervalMillis, int workers,
        long pollIntervalMillis, int maxConnections) {

    /** The freshness SLA every table must keep the whole run. */
    static final long SLA_MILLIS = 5_000;

    static FiftyTablesOptions parse(List<String> args) {
        // the server's own defaults (lakesync server --help), so the figures are those users get
        int tables = 50;
        long duration = 120;
        long interval = 3_000;
        int workers = 4;
        long poll = 100;
        int connections = 10;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (i + 1 >= args.size()) {
                throw unknown(arg);
            }
            String value = args.get(++i);
            switch (arg) {
                case "--tables":
                    tables = Integer.parseInt(value);
                    break;
                case "--duration":
                    duration = Long.parseLong(value);
                    break;
                case "--commit-interval-ms":
                    interval = Long.parseLong(value);
                    break;
                case "--workers":
                    workers = Integer.parseInt(value);
                    break;
                case "--poll-interval-ms":
                    poll = Long.parseLong(value);
                    break;
                case "--max-connections":
                    connections = Integer.parseInt(value);
                    break;
                default:
                    throw unknown(arg);
            }
        }
        if (tables < 1 || duration < 1 || interval < 100 || workers < 1 || poll < 1 || connections < 2) {
            throw new IllegalArgumentException("fifty-tables needs --tables >= 1, --duration >= 1 s,"
                    + " --commit-interval-ms >= 100, --workers >= 1, --poll-interval-ms >= 1 and --max-connections >= 2");
        }
        return new FiftyTablesOptions(tables, duration, interval, workers, poll, connections);
    }

    private static IllegalArgumentException unknown(String arg) {
        return new IllegalArgumentException("Unknown option or missing value '" + arg + "' of fifty-tables; use"
                + " --tables N --duration S --commit-interval-ms MS [--workers N --poll-interval-ms MS"
                + " --max-connections N]");
    }
}
