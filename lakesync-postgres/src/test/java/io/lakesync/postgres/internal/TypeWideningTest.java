package io.lakesync.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which type changes keep every stored value, spelled as PostgreSQL's format_type spells types. */
class TypeWideningTest {

    @Test
    void integersWidenToLargerIntegersDoublesAndNumericsWithRoomForEveryDigit() {
        assertTrue(TypeWidening.widens("smallint", "integer"));
        assertTrue(TypeWidening.widens("smallint", "bigint"));
        assertTrue(TypeWidening.widens("integer", "bigint"));
        assertTrue(TypeWidening.widens("integer", "double precision"));
        assertTrue(TypeWidening.widens("smallint", "numeric(5,0)"));
        assertTrue(TypeWidening.widens("integer", "numeric(10,0)"));
        assertTrue(TypeWidening.widens("bigint", "numeric(21,2)"));
        assertFalse(TypeWidening.widens("bigint", "double precision"));
        assertFalse(TypeWidening.widens("bigint", "numeric(18,0)"));
        assertFalse(TypeWidening.widens("integer", "numeric(10,1)"));
        assertFalse(TypeWidening.widens("bigint", "integer"));
        assertFalse(TypeWidening.widens("integer", "smallint"));
        assertFalse(TypeWidening.widens("integer", "real"));
        assertFalse(TypeWidening.widens("integer", "integer"));
    }

    @Test
    void floatsDecimalsAndDatesWidenOnlyWhereNoValueChanges() {
        assertTrue(TypeWidening.widens("real", "double precision"));
        assertFalse(TypeWidening.widens("double precision", "real"));
        assertTrue(TypeWidening.widens("numeric(10,2)", "numeric(12,2)"));
        assertTrue(TypeWidening.widens("numeric(10,2)", "numeric(11,3)"));
        assertFalse(TypeWidening.widens("numeric(10,2)", "numeric(10,2)"));
        assertFalse(TypeWidening.widens("numeric(10,2)", "numeric(10,3)"));
        assertFalse(TypeWidening.widens("numeric(10,2)", "numeric(12,1)"));
        assertFalse(TypeWidening.widens("numeric(10,2)", "numeric(9,2)"));
        assertTrue(TypeWidening.widens("date", "timestamp without time zone"));
        assertFalse(TypeWidening.widens("date", "timestamp with time zone"));
        assertFalse(TypeWidening.widens("timestamp without time zone", "date"));
        assertFalse(TypeWidening.widens("text", "jsonb"));
        assertFalse(TypeWidening.widens("jsonb", "text"));
    }
}
