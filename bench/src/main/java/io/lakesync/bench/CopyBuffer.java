package io.lakesync.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian encoding of PostgreSQL's binary COPY format into one reused buffer, handed to the
 * connection in large chunks: per-value calls into the driver would measure the driver's call
 * overhead instead of the limit we are after.
 */
final class CopyBuffer {

    /** Where full chunks go: the COPY stream, or nowhere when only encoding is measured. */
    interface ChunkSink {
        void write(byte[] bytes, int length) throws Exception;
    }

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final byte[] buffer;
    private final ChunkSink sink;
    private int position;
    private long bytesWritten;

    CopyBuffer(int capacity, ChunkSink sink) {
        this.buffer = new byte[capacity];
        this.sink = sink;
    }

    void header() {
        writeBytes(SIGNATURE);
        writeInt(0); // flags: no OIDs
        writeInt(0); // no header extension
    }

    void trailer() {
        writeShort(-1);
    }

    void writeNull() {
        writeInt(-1);
    }

    void writeShort(int value) {
        ensure(2);
        SHORT.set(buffer, position, (short) value);
        position += 2;
    }

    void writeInt(int value) {
        ensure(4);
        INT.set(buffer, position, value);
        position += 4;
    }

    void writeLong(long value) {
        ensure(8);
        LONG.set(buffer, position, value);
        position += 8;
    }

    void writeByte(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    /** A length-prefixed UTF-8 field. */
    void writeText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        writeBytes(utf8);
    }

    void writeBytes(byte[] bytes) {
        if (bytes.length > buffer.length) {
            flush();
            emit(bytes, bytes.length);
            return;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    void flush() {
        if (position > 0) {
            emit(buffer, position);
            position = 0;
        }
    }

    long bytesWritten() {
        return bytesWritten + position;
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            flush();
        }
    }

    private void emit(byte[] bytes, int length) {
        try {
            sink.write(bytes, length);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        bytesWritten += length;
    }
}
