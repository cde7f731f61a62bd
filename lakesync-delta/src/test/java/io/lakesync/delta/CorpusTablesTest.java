package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.spi.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every table of the shared corpus, table by table: it reads fully at its newest version (with
 * the number of live rows asserted, and matching the statistics when the table has them), or it
 * fails with the named error code.
 */
class CorpusTablesTest {

    /** Live rows at the newest version, for every table that reads. */
    private static final Map<String, Integer> ROWS = Map.ofEntries(
            Map.entry("dat/basic_append/delta", 5),
            Map.entry("dat/basic_partitioned/delta", 6),
            Map.entry("dat/multi_partitioned/delta", 2),
            Map.entry("dat/with_schema_change/delta", 3),
            Map.entry("golden/124-decimal-decode-bug", 1),
            Map.entry("golden/125-iterator-bug", 5),
            Map.entry("golden/basic-decimal-table-legacy", 4),
            Map.entry("golden/basic-with-inserts-deletes-checkpoint", 41),
            Map.entry("golden/basic-with-inserts-overwrite-restore", 200),
            Map.entry("golden/basic-with-inserts-updates", 100),
            Map.entry("golden/collations-table", 0),
            Map.entry("golden/commit-info-containing-arbitrary-operationParams-types", 2),
            // _last_checkpoint is empty: Kernel retries it, then lists the log from version 0.
            Map.entry("golden/corrupted-last-checkpoint-kernel", 100),
            Map.entry("golden/data-reader-array-primitives", 10),
            Map.entry("golden/data-reader-date-types-America/Los_Angeles", 1),
            Map.entry("golden/data-reader-date-types-Etc/GMT+9", 1),
            Map.entry("golden/data-reader-date-types-Iceland", 1),
            Map.entry("golden/data-reader-date-types-PST", 1),
            Map.entry("golden/data-reader-date-types-UTC", 1),
            Map.entry("golden/data-reader-map", 10),
            Map.entry("golden/data-reader-nested-struct", 10),
            Map.entry("golden/data-reader-partition-values", 3),
            Map.entry("golden/data-reader-primitives", 11),
            Map.entry("golden/data-reader-timestamp_ntz-id-mode", 9),
            Map.entry("golden/data-reader-timestamp_ntz-name-mode", 9),
            Map.entry("golden/data-skipping-basic-stats-all-types-checkpoint", 1),
            Map.entry("golden/data-skipping-basic-stats-all-types-columnmapping-id", 1),
            Map.entry("golden/data-skipping-change-stats-collected-across-versions", 3),
            Map.entry("golden/data-skipping-partition-and-data-column", 4),
            Map.entry("golden/dv-with-columnmapping", 35),
            Map.entry("golden/hive/deltatbl-column-names-case-insensitive", 10),
            Map.entry("golden/hive/deltatbl-deleted-path", 10),
            Map.entry("golden/hive/deltatbl-incorrect-format-config", 10),
            Map.entry("golden/hive/deltatbl-map-types-correctly", 1),
            Map.entry("golden/hive/deltatbl-non-partitioned", 10),
            Map.entry("golden/hive/deltatbl-not-allow-write", 10),
            Map.entry("golden/hive/deltatbl-partition-prune", 5),
            Map.entry("golden/hive/deltatbl-partitioned", 10),
            Map.entry("golden/hive/deltatbl-schema-match", 10),
            Map.entry("golden/hive/deltatbl-special-chars-in-partition-column", 10),
            Map.entry("golden/hive/deltatbl-touch-files-needed-for-partitioned", 10),
            Map.entry("golden/kernel-timestamp-PST", 5),
            Map.entry("golden/kernel-timestamp-TIMESTAMP_MICROS", 5),
            Map.entry("golden/kernel-timestamp-partition-col-ISO8601", 2),
            Map.entry("golden/log-replay-dv-key-cases", 47),
            Map.entry("golden/log-replay-special-characters", 0),
            Map.entry("golden/log-replay-special-characters-a", 0),
            Map.entry("golden/only-checkpoint-files", 25),
            Map.entry("golden/parquet-all-types-legacy-format", 200),
            Map.entry("golden/parquet-decimal-dictionaries", 1_000_000),
            Map.entry("golden/parquet-decimal-dictionaries-v2", 1_000_000),
            Map.entry("golden/parquet-decimal-type", 99_998),
            Map.entry("golden/snapshot-data1", 20),
            Map.entry("golden/snapshot-data2", 10),
            Map.entry("golden/snapshot-data3", 30),
            Map.entry("golden/snapshot-repartitioned", 20),
            Map.entry("golden/spark-variant-checkpoint", 102),
            Map.entry("golden/table-with-columnmapping-mode-id", 6),
            Map.entry("golden/table-with-icebegCompatV2Enabled", 6),
            Map.entry("golden/time-travel-partition-changes-a", 10),
            Map.entry("golden/time-travel-schema-changes-a", 10),
            Map.entry("golden/time-travel-schema-changes-b", 20),
            Map.entry("golden/time-travel-start-start20", 20),
            Map.entry("golden/time-travel-start-start20-start40", 30),
            Map.entry("golden/type-widening-nested", 2),
            Map.entry("golden/v2-checkpoint-parquet", 10));

    /** Tables that cannot be read, with the error code and a word the message must contain. */
    private static final Map<String, Refusal> REFUSED = Map.ofEntries(
            // Log-store test fixtures: metaData actions without a schema.
            Map.entry("golden/canonicalized-paths-normal-a", new Refusal(ErrorCode.SOURCE_UNREADABLE, "schemaString")),
            Map.entry("golden/canonicalized-paths-normal-b", new Refusal(ErrorCode.SOURCE_UNREADABLE, "schemaString")),
            Map.entry("golden/canonicalized-paths-special-b", new Refusal(ErrorCode.SOURCE_UNREADABLE, "schemaString")),
            Map.entry("golden/deltalog-commit-info", new Refusal(ErrorCode.SOURCE_UNREADABLE, "schemaString")),
            Map.entry("golden/update-deleted-directory", new Refusal(ErrorCode.SOURCE_UNREADABLE, "schemaString")),
            // Log replay fixtures whose add actions name files that were never written.
            Map.entry("golden/checkpoint", new Refusal(ErrorCode.SOURCE_UNREADABLE, "checkpoint/15")),
            Map.entry("golden/delete-re-add-same-file-different-transactions",
                    new Refusal(ErrorCode.SOURCE_UNREADABLE, "different-transactions/bar")),
            Map.entry("golden/data-reader-absolute-paths-escaped-chars",
                    new Refusal(ErrorCode.SOURCE_UNREADABLE, "No metadata found")),
            Map.entry("golden/deltalog-state-reconstruction-from-checkpoint-missing-metadata",
                    new Refusal(ErrorCode.SOURCE_UNREADABLE, "No metadata found")),
            Map.entry("golden/deltalog-state-reconstruction-without-metadata",
                    new Refusal(ErrorCode.SOURCE_UNREADABLE, "No metadata found")),
            Map.entry("golden/deltalog-state-reconstruction-without-protocol",
                    new Refusal(ErrorCode.SOURCE_UNREADABLE, "No protocol found")),
            Map.entry("golden/versions-not-contiguous", new Refusal(ErrorCode.SOURCE_UNREADABLE, "not contiguous")),
            Map.entry("golden/deltalog-invalid-protocol-version",
                    new Refusal(ErrorCode.UNSUPPORTED_DELTA_FEATURE, "reader protocol version 99")),
            // Folders of the corpus that hold no Delta table (only nested tables or raw log files).
            Map.entry("golden/no-delta-log-folder", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")),
            Map.entry("golden/log-store-listFrom", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")),
            Map.entry("golden/log-store-read", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")),
            Map.entry("golden/hive", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")),
            Map.entry("golden/data-reader-date-types-America", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")),
            Map.entry("golden/data-reader-date-types-Etc", new Refusal(ErrorCode.SOURCE_NOT_FOUND, "_delta_log")));

    record Refusal(ErrorCode code, String mentions) {
    }

    /** Every folder of golden/ and dat/ holding a _delta_log, plus every top-level golden folder. */
    static Set<String> corpusTables() throws IOException {
        Path root = TestTables.testdata();
        Set<String> tables = new TreeSet<>();
        for (String corpus : List.of("golden", "dat")) {
            try (Stream<Path> files = Files.walk(root.resolve(corpus))) {
                files.filter(p -> p.getFileName().toString().equals("_delta_log"))
                        .forEach(log -> tables.add(root.relativize(log.getParent()).toString()));
            }
        }
        try (Stream<Path> golden = Files.list(root.resolve("golden"))) {
            golden.filter(Files::isDirectory).forEach(dir -> tables.add(root.relativize(dir).toString()));
        }
        return tables;
    }

    static Stream<Arguments> readableTables() {
        return ROWS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Stream<Arguments> refusedTables() {
        return REFUSED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void everyCorpusTableHasAnExpectedOutcome() throws IOException {
        Set<String> known = new HashSet<>(ROWS.keySet());
        known.addAll(REFUSED.keySet());
        Set<String> corpus = corpusTables();
        assertEquals(new TreeSet<>(corpus), new TreeSet<>(known),
                "corpus tables and expectations differ; add the new table to ROWS or REFUSED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableTables")
    void readsFully(String table, int expectedRows) {
        DeltaTableSource source = DeltaTableSource.open(TestTables.testdata().resolve(table).toString());
        SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.of());
        assertNotNull(snapshot.version().commitTimestamp());
        assertFalse(snapshot.schema().columns().isEmpty());

        List<Object[]> rows = TestTables.read(snapshot);

        assertEquals(expectedRows, rows.size());
        snapshot.estimatedRowCount().ifPresent(estimate -> assertEquals(expectedRows, estimate,
                "statistics (numRecords minus deletion vector cardinality) disagree with the rows read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTables")
    void isRefusedWithANamedReason(String table, Refusal refusal) {
        LakesyncException e = assertThrows(LakesyncException.class, () -> {
            DeltaTableSource source = DeltaTableSource.open(TestTables.testdata().resolve(table).toString());
            TestTables.read(source.snapshot(OptionalLong.empty(), List.of()));
        });
        assertEquals(refusal.code(), e.code(), e.describe());
        assertTrue(e.getMessage().contains(refusal.mentions()), e.getMessage());
        assertTrue(e.getMessage().contains(table.substring(table.lastIndexOf('/') + 1)),
                "the message names the table: " + e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
    }
}
