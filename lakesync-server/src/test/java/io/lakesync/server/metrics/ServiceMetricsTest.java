package io.lakesync.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.TableName;
import io.lakesync.server.service.RunKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    private static final TableName GOLD_T = TableName.parse("gold.t");
    private static final TableName GOLD_U = TableName.parse("gold.u");

    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong inProgress = new AtomicLong();
    private final AtomicLong connectionsInUse = new AtomicLong();
    private final AtomicLong connectionsMax = new AtomicLong();
    private final ServiceMetrics metrics = new ServiceMetrics(queueDepth::get, inProgress::get,
            connectionsInUse::get, connectionsMax::get);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void succeededRunsCountRowsByKindAndRunsByOutcome() {
        metrics.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(300), 5, 2, 1, 0);
        metrics.runSucceeded(GOLD_T, RunKind.FULL_REFRESH, Duration.ofSeconds(4), 0, 0, 0, 1000);

        String text = metrics.scrape();
        assertLine(text, "# TYPE lakesync_rows_applied_total counter");
        assertLine(text, "lakesync_rows_applied_total{kind=\"inserted\",table=\"gold.t\"} 5.0");
        assertLine(text, "lakesync_rows_applied_total{kind=\"updated\",table=\"gold.t\"} 2.0");
        assertLine(text, "lakesync_rows_applied_total{kind=\"deleted\",table=\"gold.t\"} 1.0");
        assertLine(text, "lakesync_rows_applied_total{kind=\"snapshot\",table=\"gold.t\"} 1000.0");
        assertLine(text, "lakesync_runs_total{outcome=\"succeeded\",table=\"gold.t\"} 2.0");
        assertNoLineStartingWith(text, "lakesync_runs_total{outcome=\"failed\"");
        assertNoLineStartingWith(text, "lakesync_failures_total");
    }

    @Test
    void runDurationIsAHistogramPerTableAndRunKind() {
        metrics.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(300), 1, 0, 0, 0);
        metrics.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(1200), 1, 0, 0, 0);
        metrics.runSucceeded(GOLD_T, RunKind.INITIAL_SNAPSHOT, Duration.ofSeconds(45), 0, 0, 0, 10);

        String text = metrics.scrape();
        assertLine(text, "# TYPE lakesync_run_duration_seconds histogram");
        String incremental = "run_kind=\"incremental\",table=\"gold.t\"";
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + incremental + ",le=\"0.25\"} 0");
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + incremental + ",le=\"0.5\"} 1");
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + incremental + ",le=\"2.5\"} 2");
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + incremental + ",le=\"+Inf\"} 2");
        assertLine(text, "lakesync_run_duration_seconds_count{" + incremental + "} 2");
        assertLine(text, "lakesync_run_duration_seconds_sum{" + incremental + "} 1.5");
        String initial = "run_kind=\"initial_snapshot\",table=\"gold.t\"";
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + initial + ",le=\"30.0\"} 0");
        assertLine(text, "lakesync_run_duration_seconds_bucket{" + initial + ",le=\"60.0\"} 1");
        assertLine(text, "lakesync_run_duration_seconds_count{" + initial + "} 1");
        assertLine(text, "lakesync_run_duration_seconds_sum{" + initial + "} 45.0");
    }

    @Test
    void failedRunsCountByOutcomeAndErrorCode() {
        metrics.runFailed(GOLD_T, RunKind.INCREMENTAL, Duration.ofSeconds(2), ErrorCode.TARGET_UNAVAILABLE,
                "connection refused", Optional.of(Instant.parse("2026-11-26T12:00:00Z")));
        metrics.runFailed(GOLD_T, RunKind.INCREMENTAL, Duration.ofSeconds(2), ErrorCode.TARGET_UNAVAILABLE,
                "connection refused", Optional.empty());
        metrics.runFailed(GOLD_T, RunKind.INCREMENTAL, Duration.ofSeconds(1), ErrorCode.LOCK_TIMEOUT,
                "readers held the lock", Optional.empty());

        String text = metrics.scrape();
        assertLine(text, "lakesync_runs_total{outcome=\"failed\",table=\"gold.t\"} 3.0");
        assertLine(text, "lakesync_failures_total{error_code=\"TARGET_UNAVAILABLE\",table=\"gold.t\"} 2.0");
        assertLine(text, "lakesync_failures_total{error_code=\"LOCK_TIMEOUT\",table=\"gold.t\"} 1.0");
        assertLine(text, "lakesync_run_duration_seconds_count{run_kind=\"incremental\",table=\"gold.t\"} 3");
        assertNoLineStartingWith(text, "lakesync_rows_applied_total");
    }

    @Test
    void lagAndFreshnessGaugesShowTheLastMeasuredValue() {
        metrics.lagMeasured(GOLD_T, 7, 30.25);
        metrics.lagMeasured(GOLD_T, 3, 12.5);
        metrics.freshnessChanged(GOLD_T, true, 12.5, 5, Instant.parse("2026-11-26T12:00:00Z"));

        String text = metrics.scrape();
        assertLine(text, "# TYPE lakesync_lag_versions gauge");
        assertLine(text, "lakesync_lag_versions{table=\"gold.t\"} 3.0");
        assertLine(text, "# TYPE lakesync_lag_seconds gauge");
        assertLine(text, "lakesync_lag_seconds{table=\"gold.t\"} 12.5");
        assertLine(text, "# TYPE lakesync_freshness_sla_breached gauge");
        assertLine(text, "lakesync_freshness_sla_breached{table=\"gold.t\"} 1.0");

        metrics.lagMeasured(GOLD_T, 0, 0.0);
        metrics.freshnessChanged(GOLD_T, false, 0.0, 5, Instant.parse("2026-11-26T12:00:10Z"));
        text = metrics.scrape();
        assertLine(text, "lakesync_lag_versions{table=\"gold.t\"} 0.0");
        assertLine(text, "lakesync_lag_seconds{table=\"gold.t\"} 0.0");
        assertLine(text, "lakesync_freshness_sla_breached{table=\"gold.t\"} 0.0");
    }

    @Test
    void tableRemovedDropsEveryMeterOfThatTableOnly() {
        for (TableName table : List.of(GOLD_T, GOLD_U)) {
            metrics.runSucceeded(table, RunKind.INCREMENTAL, Duration.ofMillis(10), 1, 1, 1, 0);
            metrics.runFailed(table, RunKind.INCREMENTAL, Duration.ofMillis(10), ErrorCode.TARGET_UNAVAILABLE,
                    "down", Optional.empty());
            metrics.lagMeasured(table, 1, 2.0);
            metrics.freshnessChanged(table, true, 2.0, 1, Instant.parse("2026-11-26T12:00:00Z"));
        }

        metrics.tableRemoved(GOLD_T);

        String text = metrics.scrape();
        assertFalse(text.contains("table=\"gold.t\""), () -> "gold.t is still scraped:\n" + text);
        assertLine(text, "lakesync_rows_applied_total{kind=\"inserted\",table=\"gold.u\"} 1.0");
        assertLine(text, "lakesync_failures_total{error_code=\"TARGET_UNAVAILABLE\",table=\"gold.u\"} 1.0");
        assertLine(text, "lakesync_lag_versions{table=\"gold.u\"} 1.0");
        assertLine(text, "lakesync_freshness_sla_breached{table=\"gold.u\"} 1.0");

        // A table created again under the same name starts from zero, with working gauges.
        metrics.runSucceeded(GOLD_T, RunKind.INITIAL_SNAPSHOT, Duration.ofMillis(10), 0, 0, 0, 4);
        metrics.lagMeasured(GOLD_T, 2, 1.5);
        String again = metrics.scrape();
        assertLine(again, "lakesync_rows_applied_total{kind=\"snapshot\",table=\"gold.t\"} 4.0");
        assertLine(again, "lakesync_rows_applied_total{kind=\"inserted\",table=\"gold.t\"} 0.0");
        assertLine(again, "lakesync_runs_total{outcome=\"succeeded\",table=\"gold.t\"} 1.0");
        assertLine(again, "lakesync_lag_versions{table=\"gold.t\"} 2.0");
        assertLine(again, "lakesync_freshness_sla_breached{table=\"gold.t\"} 0.0");
    }

    @Test
    void serviceGaugesFollowTheirSuppliers() {
        queueDepth.set(4);
        inProgress.set(2);
        connectionsInUse.set(3);
        connectionsMax.set(10);
        String text = metrics.scrape();
        assertLine(text, "lakesync_run_queue_depth 4.0");
        assertLine(text, "lakesync_runs_in_progress 2.0");
        assertLine(text, "lakesync_db_connections_in_use 3.0");
        assertLine(text, "lakesync_db_connections_max 10.0");

        queueDepth.set(0);
        inProgress.set(1);
        connectionsInUse.set(9);
        text = metrics.scrape();
        assertLine(text, "lakesync_run_queue_depth 0.0");
        assertLine(text, "lakesync_runs_in_progress 1.0");
        assertLine(text, "lakesync_db_connections_in_use 9.0");
        assertLine(text, "lakesync_db_connections_max 10.0");
    }

    @Test
    void jvmBasicsAreScraped() {
        String text = metrics.scrape();
        for (String name : List.of("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                "process_cpu_usage ", "process_uptime_seconds ", "process_start_time_seconds ",
                "system_cpu_count ")) {
            assertTrue(lines(text).stream().anyMatch(l -> l.startsWith(name)), () -> name + " missing:\n" + text);
        }
        assertLine(text, "# TYPE jvm_gc_memory_allocated_bytes_total counter");
    }

    @Test
    void contentTypeIsTheTextFormat() {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", ServiceMetrics.CONTENT_TYPE);
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).collect(Collectors.toList());
    }

    private static void assertLine(String text, String line) {
        assertTrue(lines(text).contains(line), () -> "expected the line\n  " + line + "\nin the scrape:\n"
                + lines(text).stream().filter(l -> l.contains("lakesync")).collect(Collectors.joining("\n")));
    }

    private static void assertNoLineStartingWith(String text, String prefix) {
        assertFalse(lines(text).stream().anyMatch(l -> l.startsWith(prefix)),
                () -> "expected no line starting with " + prefix + " in:\n" + text);
    }
}
