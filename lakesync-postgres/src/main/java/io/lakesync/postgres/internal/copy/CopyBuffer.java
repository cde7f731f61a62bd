package io.lakesync.postgres.internal.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;

/**
 * The reused byte buffer rows are encoded into; when full it goes to COPY in one piece. The COPY
 * stream need not break at row boundaries, so a flush can happen anywhere. Callers reserve room
 * with {@link #ensure} before the unchecked {@code put*} writes.
 */
public final class CopyBuffer {

    /** Where full buffers go: pgjdbc's {@code CopyIn.writeToCopy}. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    final byte[] bytes;
    int position;
    private final Sink sink;
    private long bytesSent;

    public CopyBuffer(int capacity, Sink sink) {
        this.bytes = new byte[capacity];
        this.sink = sink;
    }

    public int capacity() {
        return bytes.length;
    }

    /** Makes room for {@code n} more bytes ({@code n <= capacity}). */
    public void ensure(int n) {
        if (bytes.length - position < n) {
            flush();
        }
    }

    public void putByte(int value) {
        bytes[position++] = (byte) value;
    }

    public void putShort(int value) {
        SHORT.set(bytes, position, (short) value);
        position += 2;
    }

    public void putInt(int value) {
        INT.set(bytes, position, value);
        position += 4;
    }

    public void putLong(long value) {
        LONG.set(bytes, position, value);
        position += 8;
    }

    void putIntAt(int at, int value) {
        INT.set(bytes, at, value);
    }

    /** Writes {@code length} bytes of any size; big arrays go to the sink without a copy. */
    public void write(byte[] source, int offset, int length) {
        if (length <= bytes.length - position) {
            System.arraycopy(source, offset, bytes, position, length);
            position += length;
            return;
        }
        flush();
        if (length >= bytes.length / 2) {
            send(source, offset, length);
        } else {
            System.arraycopy(source, offset, bytes, position, length);
            position += length;
        }
    }

    public void flush() {
        if (position > 0) {
            send(bytes, 0, position);
            position = 0;
        }
    }

    /** Bytes handed to the sink so far. */
    public long bytesSent() {
        return bytesSent;
    }

    private void send(byte[] source, int offset, int length) {
        try {
            sink.write(source, offset, length);
        } catch (SQLException e) {
            throw new CopyStreamException(e);
        }
        bytesSent += length;
    }

    /** A failure of the COPY stream under the encoder; the caller translates the SQLException. */
    public static final class CopyStreamException extends RuntimeException {
        public CopyStreamException(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        public SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
