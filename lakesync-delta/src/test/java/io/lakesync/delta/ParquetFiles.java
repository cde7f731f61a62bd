package io.lakesync.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file with parquet-hadoop's example reader, independently of Delta Kernel,
 * into the same Java values {@code RowBatchValues} produces. Columns come in the order asked for.
 */
final class ParquetFiles {

    private ParquetFiles() {
    }

    static List<Object[]> read(Path file, List<String> columns) {
        List<Object[]> rows = new ArrayList<>();
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        try (ParquetReader<Group> reader = ParquetReader
                .builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                Object[] row = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = value(g, columns.get(c));
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Object value(Group g, String column) {
        GroupType schema = g.getType();
        int field = schema.getFieldIndex(column);
        if (g.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        Type type = schema.getType(field);
        PrimitiveType p = type.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            BigInteger unscaled = switch (p.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(g.getInteger(field, 0));
                case INT64 -> BigInteger.valueOf(g.getLong(field, 0));
                default -> new BigInteger(g.getBinary(field, 0).getBytes());
            };
            return new BigDecimal(unscaled, d.getScale());
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return g.getBoolean(field, 0);
            case INT32:
                int i = g.getInteger(field, 0);
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.ofEpochDay(i);
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation il && il.getBitWidth() == 8) {
                    return (byte) i;
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation il && il.getBitWidth() == 16) {
                    return (short) i;
                }
                return i;
            case INT64:
                long l = g.getLong(field, 0);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    return Instant.ofEpochSecond(Math.floorDiv(l, 1_000_000L), Math.floorMod(l, 1_000_000L) * 1000);
                }
                return l;
            case INT96:
                ByteBuffer b = ByteBuffer.wrap(g.getInt96(field, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                long julianDay = b.getInt();
                long epochDay = julianDay - 2_440_588L;
                return Instant.ofEpochSecond(epochDay * 86_400L).plusNanos(nanosOfDay);
            case FLOAT:
                return g.getFloat(field, 0);
            case DOUBLE:
                return g.getDouble(field, 0);
            default:
                byte[] bytes = g.getBinary(field, 0).getBytes();
                return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : bytes;
        }
    }
}
