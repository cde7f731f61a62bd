package io.lakesync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncedTableSpecTest {

    private static final TableName TARGET = TableName.parse("gold.orders");

    @Test
    void projectionAddsTheKeyAndTimeseriesColumnsTheSubsetLeftOut() {
        SyncedTableSpec spec = new SyncedTableSpec("/t", TARGET, List.of("id", "region"), Optional.of("updated_at"),
                SyncMode.SNAPSHOT, List.of("amount", "region"));
        assertEquals(List.of("id", "region", "amount", "updated_at"), spec.projection());
    }

    @Test
    void noSubsetMeansAllColumns() {
        SyncedTableSpec spec = new SyncedTableSpec("/t", TARGET, List.of("id"), Optional.empty(), SyncMode.SNAPSHOT, List.of());
        assertTrue(spec.projection().isEmpty());
    }

    @Test
    void aKeyIsRequiredAndNamesEachColumnOnce() {
        LakesyncException none = assertThrows(LakesyncException.class, () -> new SyncedTableSpec("/t", TARGET, List.of(),
                Optional.empty(), SyncMode.SNAPSHOT, List.of()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, none.code());
        assertTrue(none.getMessage().contains("--primary-key"));
        assertThrows(LakesyncException.class, () -> new SyncedTableSpec("/t", TARGET, List.of("id", "id"),
                Optional.empty(), SyncMode.SNAPSHOT, List.of()));
    }

    @Test
    void targetNamesParse() {
        assertEquals(new TableName("gold", "orders"), TableName.parse("gold.orders"));
        assertEquals(new TableName("public", "orders"), TableName.parse("orders"));
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(LakesyncException.class, () -> TableName.parse("a.b.c")).code());
        assertThrows(LakesyncException.class, () -> TableName.parse(""));
    }
}
