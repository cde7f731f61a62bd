package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings read from Parquet as raw bytes (the read schema asks for binary), decoded here with the
 * JDK's fast UTF-8 path. Bytes that are not valid UTF-8 fail with INVALID_TEXT_VALUE instead of
 * being replaced silently, which is what Kernel's own string getter would do.
 */
final class Utf8Values implements ColumnValues {

    private final ColumnVector bytes;
    private final ReadContext context;

    Utf8Values(ColumnVector bytes, ReadContext context) {
        this.bytes = bytes;
        this.context = context;
    }

    @Override
    public boolean isNull(int row) {
        return bytes.isNullAt(row);
    }

    @Override
    public String getString(int row) {
        byte[] raw = bytes.getBinary(row);
        String s = new String(raw, StandardCharsets.UTF_8);
        // U+FFFD is what the decoder substitutes for malformed input; for Latin-1 strings this
        // test is O(1), so only strings that hold non-Latin-1 text pay for a scan.
        if (s.indexOf('\uFFFD') >= 0 && !isValidUtf8(raw)) {
            throw new LakesyncException(ErrorCode.INVALID_TEXT_VALUE, "A string in column " + context.column()
                    + " of data file " + context.dataFile() + " is not valid UTF-8 (it starts with bytes "
                    + hexPrefix(raw) + "). Delta strings must be UTF-8; fix the writer of that file or leave the "
                    + "column out with --columns.");
        }
        return s;
    }

    private static boolean isValidUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hexPrefix(byte[] raw) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(raw.length, 16); i++) {
            hex.append(String.format("%02x", raw[i] & 0xFF));
        }
        return hex + (raw.length > 16 ? "..." : "");
    }
}
