package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakesync.core.model.SourceVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsShareRowsRateAndEta() {
        ProgressBar bar = ProgressBar.drawingTo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        bar.started(new SourceVersion(3, Instant.EPOCH), OptionalLong.of(1_000_000));
        assertEquals("[###############...............]  50%  500,000/1,000,000 rows  250,000 rows/s  ETA 2 s",
                bar.render(500_000, 2.0));
    }

    @Test
    void withoutAnEstimateShowsRowsAndRateOnly() {
        ProgressBar bar = ProgressBar.drawingTo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        bar.started(new SourceVersion(3, Instant.EPOCH), OptionalLong.empty());
        assertEquals("1,500 rows  750 rows/s", bar.render(1_500, 2.0));
    }

    @Test
    void clearsItsLineWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.drawingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.started(new SourceVersion(3, Instant.EPOCH), OptionalLong.of(10));
        bar.progressed(5);
        bar.finished();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(true, drawn.startsWith("\r["), drawn);
        assertEquals(true, drawn.endsWith("\r\u001b[K"), drawn);
    }
}
