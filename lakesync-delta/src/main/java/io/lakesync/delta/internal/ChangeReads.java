package io.lakesync.delta.internal;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.CloseableIterator;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to read the changes of one version range with the end version's schema: the
 * read layouts (all requested columns; the same with the change type column of CDF files; only the
 * key columns, for deletes, when the keys are known) and the lookups a file read may need.
 */
final class ChangeReads {

    private final Engine engine;
    private final TableLocation location;
    private final long fromExclusive;
    private final long toInclusive;
    private final ReadLayout rows;
    private final ReadLayout changeData;
    private final ReadLayout keys; // null: deletes are read with every column
    private final int[] keyWidening;
    private final int[] keysOfAllColumns;
    private final boolean partitioned;
    private final PartitionValuesLookup partitionValues;

    ChangeReads(Engine engine, TableLocation location, long fromExclusive, DeltaSnapshot end,
            List<String> keyColumns) {
        this.engine = engine;
        this.location = location;
        this.fromExclusive = fromExclusive;
        this.toInclusive = end.version().version();
        String table = location.userInput();
        Snapshot snapshot = end.kernelSnapshot();
        this.rows = ReadLayout.of(engine, table, snapshot, end.readSchema(), false);
        this.changeData = ReadLayout.of(engine, table, snapshot, end.readSchema(), true);
        StructType keySchema = keySchema(end.readSchema(), keyColumns);
        this.keys = keySchema == null ? null : ReadLayout.of(engine, table, snapshot, keySchema, false);
        this.keyWidening = keySchema == null ? null : widening(end.schema(), keySchema);
        this.keysOfAllColumns = keySchema == null ? null : keysOnly(end.schema(), keySchema);
        this.partitioned = rows.partitioned();
        this.partitionValues = new PartitionValuesLookup(engine, location);
    }

    CloseableIterator<CommitFiles> openCommits() {
        return CommitRanges.open(engine, location, fromExclusive, toInclusive);
    }

    ChangeFileReader open(FileRead read) {
        FileAction file = read.file();
        if (file.partitionValues() == null && partitioned) {
            Map<String, String> values = partitionValues.at(read.version() - 1, file.path());
            file = new FileAction(file.path(), values, file.size(), file.dataChange(), file.deletionVector(),
                    file.numRecords());
            read = new FileRead(read.version(), file, read.rows());
        }
        if (read.rows() instanceof FileRead.ChangeData) {
            return new ChangeFileReader(engine, location.userInput(), read, changeData, null, keysOfAllColumns);
        }
        if (keys != null && read.deletesOnly()) {
            return new ChangeFileReader(engine, location.userInput(), read, keys, keyWidening, null);
        }
        return new ChangeFileReader(engine, location.userInput(), read, rows, null, keysOfAllColumns);
    }

    /**
     * When a file of {@code read} (its data file or a deletion vector file) no longer exists, the
     * HISTORY_UNAVAILABLE failure that says so; null when the files are there (then they are
     * damaged, and {@code failure} stands).
     */
    LakesyncException missingFiles(FileRead read, LakesyncException failure) {
        if (read == null) {
            return null;
        }
        List<String> files = new ArrayList<>();
        files.add(absolute(read.file().path()));
        for (DeletionVectorDescriptor dv : deletionVectors(read.rows())) {
            if (dv != null && dv.isOnDisk()) {
                files.add(dv.getAbsolutePath(rows.tableRoot));
            }
        }
        for (String file : files) {
            if (!exists(file)) {
                LakesyncException gone = CommitHistory.unavailable(location.userInput(), fromExclusive,
                        List.of(read.version()), "its file " + file + " is gone (removed by VACUUM, or the table "
                                + "was copied without it)", failure);
                return gone;
            }
        }
        return null;
    }

    private boolean exists(String file) {
        try {
            engine.getFileSystemClient().getFileStatus(file);
            return true;
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: keep the original failure
        }
    }

    private String absolute(String path) {
        return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(java.net.URI.create(rows.tableRoot)),
                new org.apache.hadoop.fs.Path(java.net.URI.create(path))).toString();
    }

    private static List<DeletionVectorDescriptor> deletionVectors(FileRead.Rows rows) {
        List<DeletionVectorDescriptor> dvs = new ArrayList<>();
        if (rows instanceof FileRead.Visible v) {
            dvs.add(v.deletionVector());
        } else if (rows instanceof FileRead.DeletionVectorChange c) {
            dvs.add(c.before());
            dvs.add(c.after());
        }
        return dvs;
    }

    /**
     * The key columns as a projection of the read schema, or null when reading only them gains
     * nothing (no keys given, a key not among the read columns, or the keys are all the columns).
     */
    private static StructType keySchema(StructType readSchema, List<String> keyColumns) {
        if (keyColumns.isEmpty() || keyColumns.size() >= readSchema.length()) {
            return null;
        }
        List<StructField> fields = new ArrayList<>();
        for (StructField field : readSchema.fields()) {
            if (keyColumns.contains(field.getName())) {
                fields.add(field);
            }
        }
        return fields.size() == keyColumns.size() ? new StructType(fields) : null;
    }

    /** Keeps the key columns of a batch of the whole schema, the others null. */
    private static int[] keysOnly(TableSchema schema, StructType keySchema) {
        int[] ordinals = new int[schema.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = keySchema.indexOf(schema.get(i).name()) < 0 ? -1 : i;
        }
        return ordinals;
    }

    private static int[] widening(TableSchema schema, StructType keySchema) {
        int[] ordinals = new int[schema.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = keySchema.indexOf(schema.get(i).name());
        }
        return ordinals;
    }
}
