package io.lakesync.examples.portal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SqlNamesTest {

    @Test
    void quotesEachPartOfTheTableName() {
        assertEquals("\"support\".\"incidents\"", SqlNames.qualifiedTable("support.incidents"));
        assertEquals("\"public\".\"Incidents\"", SqlNames.qualifiedTable("Incidents"));
        assertEquals("\"s\".\"a\"\"; DROP TABLE x; --\"", SqlNames.qualifiedTable("s.a\"; DROP TABLE x; --"));
        assertThrows(IllegalArgumentException.class, () -> SqlNames.qualifiedTable("a.b.c"));
        assertThrows(IllegalArgumentException.class, () -> SqlNames.qualifiedTable(".b"));
    }
}
