package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakesync.core.engine.IncrementalSync;
import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.engine.SyncPreview;
import io.lakesync.core.engine.SyncReport;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.PreviewResult;
import io.lakesync.core.spi.TextPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's dry run of the next sync, against the real sink: its counts are those of the sync that follows. */
class SyncPreviewIT {

    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING));

    private static SinkFixture db;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static SyncedTableSpec spec(String target) {
        return new SyncedTableSpec("/memory/" + target, TableName.parse(target), List.of("id"), Optional.empty(),
                SyncMode.TRIGGERED, List.of());
    }

    private static Object[] row(Long id, String name) {
        return new Object[] {id, name};
    }

    private static SyncReport sync(MemorySource source, SyncedTableSpec spec) {
        return new IncrementalSync(source, db.sink, TextPolicy.FAIL, ProgressListener.NONE,
                IncrementalSync.DEFAULT_MAX_ROWS_PER_TRANSACTION).run(spec);
    }

    private static PreviewResult preview(MemorySource source, SyncedTableSpec spec, int sampleKeys) {
        return new SyncPreview(source, db.sink, TextPolicy.FAIL).preview(spec, sampleKeys);
    }

    /** The catalog and the target, which a preview must leave alone. */
    private static List<List<String>> catalog() {
        return db.query("SELECT (SELECT count(*) FROM lakesync.runs)::text,"
                + " (SELECT string_agg(name || updated_at::text, ';' ORDER BY name) FROM lakesync.synced_tables),"
                + " (SELECT string_agg(table_name || delta_version || synced_at::text, ';' ORDER BY table_name)"
                + " FROM lakesync.watermarks),"
                + " (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace"
                + " = 'public'::regnamespace)");
    }

    @Test
    void beforeTheFirstSyncEverySourceRowWithAKeyIsAnInsert() {
        MemorySource source = new MemorySource(ITEMS).commit(row(3L, "c"), row(null, "no key"), row(1L, "a"),
                row(2L, "b"));
        SyncedTableSpec spec = spec("public.first");
        List<List<String>> before = catalog();
        assertEquals(new PreviewResult(true, -1, 0, 3, 0, 0, List.of("3", "1"), List.of(), List.of()),
                preview(source, spec, 2));
        assertEquals(before, catalog()); // no table, no definition, no run, no watermark
        SyncReport synced = sync(source, spec);
        assertEquals(3, synced.snapshot().orElseThrow().rowsWritten());
    }

    @Test
    void afterASyncThePreviewCountsWhatTheNextSyncDoes() {
        MemorySource source = new MemorySource(ITEMS).commit(row(1L, "a"), row(2L, "b"), row(3L, "c"));
        SyncedTableSpec spec = spec("public.next");
        sync(source, spec);
        assertEquals(new PreviewResult(false, 0, 0, 0, 0, 0, List.of(), List.of(), List.of()), preview(source, spec, 5));

        source.commit(row(1L, "a"), row(2L, "b2"), row(4L, "d"));
        source.commit(row(2L, "b3"), row(4L, "d"), row(5L, "e"), row(6L, "f"));
        List<List<String>> before = catalog();
        PreviewResult preview = preview(source, spec, 5);
        assertEquals(before, catalog());
        assertEquals(new PreviewResult(false, 0, 2, 3, 1, 2, List.of("4", "5", "6"), List.of("2"), List.of("1", "3")),
                preview);

        SyncReport synced = sync(source, spec);
        assertEquals(List.of(preview.rowsToInsert(), preview.rowsToUpdate(), preview.rowsToDelete()),
                List.of(synced.rowsInserted(), synced.rowsUpdated(), synced.rowsDeleted()));
        assertEquals(2, synced.toVersion());
    }

    @Test
    void whenTheHistoryIsGoneThePreviewIsTheFallbackSnapshot() {
        MemorySource source = new MemorySource(ITEMS).commit(row(1L, "a"));
        SyncedTableSpec spec = spec("public.vacuumed");
        sync(source, spec);
        source.commit(row(1L, "a"), row(2L, "b")).commit(row(2L, "b"), row(3L, "c"), row(4L, "d"));
        source.vacuumBefore(2);
        assertEquals(new PreviewResult(true, 0, 2, 3, 0, 0, List.of("2"), List.of(), List.of()),
                preview(source, spec, 1));
        assertEquals(SyncReport.Kind.HISTORY_FALLBACK_SNAPSHOT, sync(source, spec).kind());
    }
}
