package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap probe the service polls with must agree with what Kernel reads from the log. */
class CommittedVersionProbeTest {

    private static final List<Column> COLUMNS = List.of(new Column("id", ColumnType.LONG, true));

    @TempDir
    Path tmp;

    @Test
    void findsExactlyTheCommittedVersionsWithKernelsCommitTime() {
        DeltaTableWriter table = DeltaTableWriter.create(tmp.resolve("t"), COLUMNS, List.of(), Map.of());
        table.append(List.<Object[]>of(new Object[] {1L}));
        DeltaTableSource source = DeltaTableSource.open(table.dir().toString());

        SourceVersion latest = source.latestVersion();
        assertEquals(1, latest.version());
        assertEquals(Optional.of(latest), source.committed(1));
        assertTrue(source.committed(0).isPresent());
        assertEquals(Optional.empty(), source.committed(2));

        table.append(List.<Object[]>of(new Object[] {2L}));
        assertEquals(Optional.of(source.latestVersion()), source.committed(2));
    }
}
