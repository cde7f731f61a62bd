package io.lakesync.testkit.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Writes real Delta tables for tests and benchmarks through Delta Kernel's create and append
 * transactions (Kernel cannot write updates, deletes or deletion vectors: DESIGN §7).
 *
 * <p>Rows are {@code Object[]} in column order, one Java value per column: Boolean, Byte, Short,
 * Integer, Long, Float, Double, BigDecimal (DECIMAL; rescaled exactly to the column's scale), String,
 * byte[] (BINARY), LocalDate (DATE), Instant (TIMESTAMP, microseconds kept), LocalDateTime
 * (TIMESTAMP_NTZ), java.util.List (ARRAY), java.util.Map (MAP), a List or Object[] of field values
 * (STRUCT); null wherever the column is nullable. Partition columns are part of the row; an
 * empty string in a partition column is stored as null, as Spark does.
 */
public final class DeltaTableWriter {

    private static final String ENGINE_INFO = "lakesync-testkit";
    private static final int ROWS_PER_BATCH = 4096;
    private static final int DEFAULT_ROWS_PER_FILE = 1_000_000;

    private final Path dir;
    private final Engine engine = engine();

    private DeltaTableWriter(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Creates the table as version 0 (no data). */
    public static DeltaTableWriter create(Path dir, List<io.lakesync.core.model.Column> columns,
            List<String> partitionColumns, Map<String, String> tableProperties) {
        DeltaTableWriter writer = new DeltaTableWriter(dir);
        StructType schema = KernelSchemas.struct(columns);
        List<Column> partitions = partitionColumns.stream().map(Column::new).toList();
        Transaction create = TableManager
                .buildCreateTableTransaction(writer.dir.toString(), schema, ENGINE_INFO)
                .withTableProperties(tableProperties)
                .withDataLayoutSpec(partitions.isEmpty() ? DataLayoutSpec.noDataLayout()
                        : DataLayoutSpec.partitioned(partitions))
                .build(writer.engine);
        create.commit(writer.engine, CloseableIterable.emptyIterable());
        return writer;
    }

    /** A writer that appends to an existing table. */
    public static DeltaTableWriter open(Path dir) {
        return new DeltaTableWriter(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Appends the rows in one commit; returns the new version. */
    public long append(List<Object[]> rows) {
        return append(rows.iterator(), DEFAULT_ROWS_PER_FILE);
    }

    /**
     * Appends the rows in one commit, streaming: a data file holds at most {@code rowsPerFile} rows
     * (and rows of one partition), only one batch of rows is in memory at a time. Returns the new
     * version.
     */
    public long append(Iterator<Object[]> rows, int rowsPerFile) {
        if (rowsPerFile <= 0) {
            throw new IllegalArgumentException("rowsPerFile must be positive");
        }
        Snapshot snapshot = TableManager.loadSnapshot(dir.toString()).build(engine);
        Transaction txn = snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE).build(engine);
        Row state = txn.getTransactionState(engine);
        StructType schema = snapshot.getSchema();
        int[] partitionOrdinals = snapshot.getPartitionColumnNames().stream().mapToInt(schema::indexOf).toArray();
        PeekingIterator source = new PeekingIterator(rows);
        List<Row> actions = new ArrayList<>();
        while (source.hasNext()) {
            Map<String, Literal> partition = partitionValues(schema, partitionOrdinals, source.peek());
            FileRows fileRows = new FileRows(source, schema, partitionOrdinals, source.peek(), rowsPerFile);
            actions.addAll(writeFile(state, partition, fileRows));
        }
        return txn.commit(engine, CloseableIterable.inMemoryIterable(toCloseable(actions.iterator()))).getVersion();
    }

    private List<Row> writeFile(Row state, Map<String, Literal> partition, FileRows rows) {
        DataWriteContext context = Transaction.getWriteContext(engine, state, partition);
        List<Row> actions = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> physical =
                     Transaction.transformLogicalData(engine, state, rows, partition);
             CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                     .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
             CloseableIterator<Row> adds = Transaction.generateAppendActions(engine, state, files, context)) {
            adds.forEachRemaining(actions::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    private static Map<String, Literal> partitionValues(StructType schema, int[] ordinals, Object[] row) {
        Map<String, Literal> values = new HashMap<>();
        for (int ordinal : ordinals) {
            DataType type = schema.at(ordinal).getDataType();
            values.put(schema.at(ordinal).getName(), literal(type, row[ordinal]));
        }
        return values;
    }

    private static Literal literal(DataType type, Object v) {
        // Spark writes an empty string partition value as null (Hive's default partition); do the
        // same so that test tables look like the tables users have.
        if (v == null || "".equals(v)) {
            return Literal.ofNull(type);
        } else if (type instanceof BooleanType) {
            return Literal.ofBoolean((Boolean) v);
        } else if (type instanceof ByteType) {
            return Literal.ofByte((Byte) v);
        } else if (type instanceof ShortType) {
            return Literal.ofShort((Short) v);
        } else if (type instanceof IntegerType) {
            return Literal.ofInt((Integer) v);
        } else if (type instanceof LongType) {
            return Literal.ofLong((Long) v);
        } else if (type instanceof FloatType) {
            return Literal.ofFloat((Float) v);
        } else if (type instanceof DoubleType) {
            return Literal.ofDouble((Double) v);
        } else if (type instanceof DecimalType d) {
            return Literal.ofDecimal(JavaValues.atScale((BigDecimal) v, d.getScale()), d.getPrecision(), d.getScale());
        } else if (type instanceof StringType) {
            return Literal.ofString((String) v);
        } else if (type instanceof BinaryType) {
            return Literal.ofBinary((byte[]) v);
        } else if (type instanceof DateType) {
            return Literal.ofDate(JavaValues.days((LocalDate) v));
        } else if (type instanceof TimestampType) {
            return Literal.ofTimestamp(JavaValues.micros((Instant) v));
        } else if (type instanceof TimestampNTZType) {
            return Literal.ofTimestampNtz(JavaValues.micros((LocalDateTime) v));
        }
        throw new IllegalArgumentException("a partition column cannot have type " + type);
    }

    private static boolean samePartition(int[] ordinals, Object[] a, Object[] b) {
        for (int ordinal : ordinals) {
            if (!Objects.deepEquals(a[ordinal], b[ordinal])) {
                return false;
            }
        }
        return true;
    }

    /** The rows of one data file, as Kernel batches, pulled lazily from the source. */
    private static final class FileRows implements CloseableIterator<FilteredColumnarBatch> {
        private final PeekingIterator source;
        private final StructType schema;
        private final int[] partitionOrdinals;
        private final Object[] firstRow;
        private int remaining;

        FileRows(PeekingIterator source, StructType schema, int[] partitionOrdinals, Object[] firstRow,
                int rowsPerFile) {
            this.source = source;
            this.schema = schema;
            this.partitionOrdinals = partitionOrdinals;
            this.firstRow = firstRow;
            this.remaining = rowsPerFile;
        }

        @Override
        public boolean hasNext() {
            return remaining > 0 && source.hasNext() && samePartition(partitionOrdinals, firstRow, source.peek());
        }

        @Override
        public FilteredColumnarBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int width = schema.length();
            Object[][] columns = new Object[width][Math.min(remaining, ROWS_PER_BATCH)];
            int n = 0;
            while (n < columns[0].length && hasNext()) {
                Object[] row = source.next();
                if (row.length != width) {
                    throw new IllegalArgumentException("row has " + row.length + " values, the table has "
                            + width + " columns: " + Arrays.deepToString(row));
                }
                for (int c = 0; c < width; c++) {
                    columns[c][n] = row[c];
                }
                n++;
                remaining--;
            }
            ColumnVector[] vectors = new ColumnVector[width];
            for (int c = 0; c < width; c++) {
                vectors[c] = new JavaValueVector(schema.at(c).getDataType(), columns[c], n);
            }
            return new FilteredColumnarBatch(new DefaultColumnarBatch(n, schema, vectors), java.util.Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    private static final class PeekingIterator implements Iterator<Object[]> {
        private final Iterator<Object[]> rows;
        private Object[] next;

        PeekingIterator(Iterator<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return next != null || rows.hasNext();
        }

        Object[] peek() {
            if (next == null) {
                next = rows.next();
            }
            return next;
        }

        @Override
        public Object[] next() {
            Object[] row = peek();
            next = null;
            return row;
        }
    }

    private static <T> CloseableIterator<T> toCloseable(Iterator<T> iterator) {
        return io.delta.kernel.internal.util.Utils.toCloseableIterator(iterator);
    }

    private static Engine engine() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        // Raw local files: a stale .crc next to a file would make the checksummed FS throw.
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        // Parquet buffers a whole row group in memory; keep it small so that writing 10M rows fits
        // in a 256 MB heap.
        conf.set("parquet.block.size", Integer.toString(16 * 1024 * 1024));
        return DefaultEngine.create(conf);
    }
}
