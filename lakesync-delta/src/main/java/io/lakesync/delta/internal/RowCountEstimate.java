package io.lakesync.delta.internal;

import io.delta.kernel.Scan;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.utils.CloseableIterator;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live rows of a snapshot from the add actions' statistics: numRecords of every file minus the rows
 * its deletion vector removes. Empty when any file lacks statistics (the count would be a guess).
 */
final class RowCountEstimate {

    private static final Pattern NUM_RECORDS = Pattern.compile("\"numRecords\"\\s*:\\s*(\\d+)");

    private RowCountEstimate() {
    }

    static OptionalLong of(Engine engine, Scan scan) {
        long total = 0;
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine, true)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        OptionalLong records = numRecords(scanFile);
                        if (records.isEmpty()) {
                            return OptionalLong.empty();
                        }
                        DeletionVectorDescriptor dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile);
                        total += records.getAsLong() - (dv == null ? 0 : dv.getCardinality());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return OptionalLong.of(total);
    }

    private static OptionalLong numRecords(Row scanFile) {
        Row add = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        int statsOrdinal = add.getSchema().indexOf("stats");
        if (statsOrdinal < 0 || add.isNullAt(statsOrdinal)) {
            return OptionalLong.empty();
        }
        return numRecords(add.getString(statsOrdinal));
    }

    /** The {@code numRecords} of a file action's statistics JSON, if it has one. */
    static OptionalLong numRecords(String statsJson) {
        if (statsJson == null) {
            return OptionalLong.empty();
        }
        Matcher m = NUM_RECORDS.matcher(statsJson);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
