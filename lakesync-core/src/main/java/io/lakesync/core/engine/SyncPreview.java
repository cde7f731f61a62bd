package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.PreviewResult;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.core.spi.Watermark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dry run of the next sync of a table: what it would insert, update and delete, computed without
 * writing anything (no run in the history, no definition stored, the watermark and target
 * unchanged).
 * <ul>
 *   <li>never synced: the next sync is a snapshot; every source row (with a key) of the newest
 *       version counts as an insert ({@code fromVersion} is -1);</li>
 *   <li>synced and current: nothing to do;</li>
 *   <li>otherwise the changes since the watermark are staged in the sink exactly as a sync stages
 *       them and compared with the target ({@link IncrementalApply#preview}); the counts are the
 *       net effect of the whole range, as one apply of it would do (a sync that splits a long
 *       backlog into several transactions may count a key inserted then updated in each);</li>
 *   <li>the history after the watermark is gone: a snapshot, as the sync would fall back to.</li>
 * </ul>
 */
public final class SyncPreview {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPreview.class);

    /** Batches in flight between the reader and the sink. */
    private static final int QUEUE_CAPACITY = 8;
    /** The run id of an apply that never commits, so never writes a run. */
    private static final long NO_RUN = 0;

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final TableSource source;
    private final TableSink sink;
    private final TextPolicy textPolicy;

    /** @param textPolicy the policy the table's syncs use, so that a NUL byte fails the preview as it would the sync */
    public SyncPreview(TableSource source, TableSink sink, TextPolicy textPolicy) {
        this.source = source;
        this.sink = sink;
        this.textPolicy = textPolicy;
    }

    /** What the next sync of {@code spec} would do, with up to {@code sampleKeys} keys of each kind of change. */
    public PreviewResult preview(SyncedTableSpec spec, int sampleKeys) {
        if (sampleKeys < 0) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The number of sample keys must not be negative"
                    + " (got " + sampleKeys + ").");
        }
        Optional<Watermark> watermark = sink.watermark(spec.target());
        if (watermark.isEmpty()) {
            return snapshot(spec, -1, sampleKeys);
        }
        long from = watermark.get().version().version();
        SourceVersion latest = source.latestVersion();
        if (latest.version() <= from) {
            return new PreviewResult(false, from, from, 0, 0, 0, List.of(), List.of(), List.of());
        }
        try {
            return changes(spec, from, latest.version(), sampleKeys);
        } catch (LakesyncException e) {
            if (e.code() != ErrorCode.HISTORY_UNAVAILABLE) {
                throw e;
            }
            LOG.info("{}: versions after {} can no longer be read ({}); the next sync takes a snapshot",
                    spec.target(), from, e.getMessage());
            return snapshot(spec, from, sampleKeys);
        }
    }

    private PreviewResult changes(SyncedTableSpec spec, long from, long to, int sampleKeys) {
        ChangeSet changes = source.changes(from, to, spec.projection());
        KeyColumns.validate(spec, changes.schema());
        try (IncrementalApply apply = sink.beginApply(
                new ApplyPlan(spec, changes.schema(), from, changes.toVersion(), NO_RUN, textPolicy))) {
            new BatchPipeline(QUEUE_CAPACITY).run(changes.batches(), apply::write, () -> false);
            return apply.preview(sampleKeys);
        }
    }

    /** Counts the rows of the newest version a snapshot would load: live rows whose key has no null. */
    private PreviewResult snapshot(SyncedTableSpec spec, long from, int sampleKeys) {
        LinkedHashSet<String> keyColumns = new LinkedHashSet<>(spec.primaryKey());
        spec.timeseriesKey().ifPresent(keyColumns::add); // validated with the key, as a sync does
        SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.copyOf(keyColumns));
        TableSchema schema = snapshot.schema();
        KeyColumns.validate(spec, schema);
        int[] ordinals = spec.primaryKey().stream().mapToInt(schema::indexOf).toArray();
        long rows = 0;
        List<String> keys = new ArrayList<>();
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (!batch.isLive(row) || hasNullKey(batch, ordinals, row)) {
                        continue;
                    }
                    rows++;
                    if (keys.size() < sampleKeys) {
                        keys.add(key(schema, batch, ordinals, row));
                    }
                }
            }
        }
        return new PreviewResult(true, from, snapshot.version().version(), rows, 0, 0, keys, List.of(), List.of());
    }

    private static boolean hasNullKey(RowBatch batch, int[] ordinals, int row) {
        for (int ordinal : ordinals) {
            if (batch.column(ordinal).isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** The key as the sink renders it: the value of a one-column key, {@code (a, b)} for a composite one. */
    private static String key(TableSchema schema, RowBatch batch, int[] ordinals, int row) {
        if (ordinals.length == 1) {
            return text(schema.get(ordinals[0]).type(), batch.column(ordinals[0]), row);
        }
        List<String> parts = new ArrayList<>();
        for (int ordinal : ordinals) {
            parts.add(text(schema.get(ordinal).type(), batch.column(ordinal), row));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /** A key value as PostgreSQL prints it ({@code ::text}; timestamps ISO-8601 with microseconds, UTC). */
    private static String text(ColumnType type, ColumnValues values, int row) {
        if (type instanceof ColumnType.Decimal) {
            return values.getDecimal(row).toPlainString();
        }
        switch (((ColumnType.Primitive) type).kind()) {
            case BOOLEAN:
                return Boolean.toString(values.getBoolean(row));
            case BYTE:
                return Byte.toString(values.getByte(row));
            case SHORT:
                return Short.toString(values.getShort(row));
            case INT:
                return Integer.toString(values.getInt(row));
            case LONG:
                return Long.toString(values.getLong(row));
            case FLOAT:
                return Float.toString(values.getFloat(row));
            case DOUBLE:
                return Double.toString(values.getDouble(row));
            case BINARY:
                return "\\x" + HexFormat.of().formatHex(values.getBinary(row));
            case DATE:
                return LocalDate.ofEpochDay(values.getInt(row)).toString();
            case TIMESTAMP:
                return MICROS.format(timestamp(values.getLong(row))) + "Z";
            case TIMESTAMP_NTZ:
                return MICROS.format(timestamp(values.getLong(row)));
            default:
                return values.getString(row);
        }
    }

    private static LocalDateTime timestamp(long micros) {
        Instant instant = Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000))
                .plusNanos(Math.floorMod(micros, 1_000_000) * 1_000L);
        return instant.atOffset(ZoneOffset.UTC).toLocalDateTime();
    }
}
