package io.lakesync.examples.simulator.delta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes Delta commits of any kind to an unpartitioned table without column mapping or deletion
 * vectors: data files and Change Data Feed files through Kernel's Parquet writer, and the commit
 * file through {@link CommitFile}. Kernel's own transactions write only creates and appends
 * (DESIGN §7); this writer also writes the remove and cdc actions of updates and deletes, as the
 * Delta protocol describes them and Spark writes them.
 *
 * <p>Rows are {@code Object[]} in schema order, values as {@link ValueVector} takes them.
 */
public final class DeltaCommitWriter {

    /** The column Change Data Feed files carry next to the table's columns. */
    public static final String CHANGE_TYPE = "_change_type";
    static final String CHANGE_DATA_DIR = "_change_data";

    private final Path table;
    private final Engine engine;

    public DeltaCommitWriter(Path table, Engine engine) {
        this.table = table.toAbsolutePath().normalize();
        this.engine = engine;
    }

    public Path table() {
        return table;
    }

    /** Writes the rows as one Parquet data file in the table folder; it is not part of the table yet. */
    public DeltaAction.AddFile writeDataFile(StructType schema, List<Object[]> rows) {
        DataFileStatus file = writeOneFile(table, schema, rows, statsColumns(schema));
        String stats = file.getStatistics()
                .map(s -> s.serializeAsJson(schema))
                .orElse("{\"numRecords\":" + rows.size() + "}");
        return new DeltaAction.AddFile(relative(file.getPath()), file.getSize(), file.getModificationTime(), stats);
    }

    /**
     * Writes the change rows of a commit as a Change Data Feed file under {@code _change_data/}: the
     * table's columns plus {@code _change_type} (insert, update_preimage, update_postimage, delete).
     */
    public DeltaAction.ChangeFile writeChangeFile(StructType schema, List<Object[]> rows, List<String> changeTypes) {
        if (rows.size() != changeTypes.size()) {
            throw new IllegalArgumentException(rows.size() + " change rows but " + changeTypes.size() + " change types");
        }
        StructType changeSchema = schema.add(CHANGE_TYPE, StringType.STRING, true);
        List<Object[]> changeRows = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = Arrays.copyOf(rows.get(i), rows.get(i).length + 1);
            row[row.length - 1] = changeTypes.get(i);
            changeRows.add(row);
        }
        // no statistics: readers of change files never skip them
        DataFileStatus file = writeOneFile(table.resolve(CHANGE_DATA_DIR), changeSchema, changeRows, List.of());
        return new DeltaAction.ChangeFile(relative(file.getPath()), file.getSize());
    }

    /**
     * Commits the actions as {@code version}; fails with {@link ConcurrentCommitException} when that
     * version exists. Files written for a commit that fails are left behind unreferenced, which
     * readers ignore and VACUUM removes.
     */
    public void commit(long version, CommitInfo info, List<? extends DeltaAction> actions) {
        List<ObjectNode> lines = new ArrayList<>(actions.size() + 1);
        lines.add(info.toJson());
        for (DeltaAction action : actions) {
            lines.add(action.toJson());
        }
        CommitFile.write(table, version, lines);
    }

    private DataFileStatus writeOneFile(Path dir, StructType schema, List<Object[]> rows, List<Column> stats) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a data file needs at least one row");
        }
        try {
            Files.createDirectories(dir);
            List<DataFileStatus> written = new ArrayList<>(1);
            try (CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(dir.toString(),
                    Utils.singletonCloseableIterator(batch(schema, rows)), stats)) {
                files.forEachRemaining(written::add);
            }
            if (written.size() != 1) {
                // the index of which rows live in which file assumes one file per call
                throw new IllegalStateException("Kernel's Parquet writer split " + rows.size() + " rows into "
                        + written.size() + " files; write fewer rows per file");
            }
            return written.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a Parquet file into " + dir + ": " + e.getMessage()
                    + ". Check that the folder is writable and the disk not full.", e);
        }
    }

    private static FilteredColumnarBatch batch(StructType schema, List<Object[]> rows) {
        ColumnVector[] vectors = new ColumnVector[schema.length()];
        for (int c = 0; c < vectors.length; c++) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < values.length; r++) {
                Object[] row = rows.get(r);
                if (row.length != vectors.length) {
                    throw new IllegalArgumentException("a row has " + row.length + " values, the schema "
                            + vectors.length + " columns");
                }
                values[r] = row[c];
            }
            vectors[c] = new ValueVector(schema.at(c).getDataType(), values);
        }
        return new FilteredColumnarBatch(new DefaultColumnarBatch(rows.size(), schema, vectors), Optional.empty());
    }

    /** Min/max/null-count statistics for the top-level primitive columns, as Spark collects them. */
    private static List<Column> statsColumns(StructType schema) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!(field.getDataType() instanceof ArrayType)) {
                columns.add(new Column(field.getName()));
            }
        }
        return columns;
    }

    /** The path of a written file relative to the table root, as add/remove/cdc actions carry it. */
    private String relative(String written) {
        Path file = written.startsWith("file:") ? Paths.get(URI.create(written)) : Paths.get(written);
        Path rel = table.relativize(file.toAbsolutePath().normalize());
        if (rel.startsWith("..")) {
            throw new IllegalStateException("Kernel wrote " + written + " outside the table " + table);
        }
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }
}
