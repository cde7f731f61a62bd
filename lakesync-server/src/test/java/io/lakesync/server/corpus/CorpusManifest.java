package io.lakesync.server.corpus;

import io.lakesync.core.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the table of {@code testdata/CORPUS.md}. The document is the single list of corpus tables
 * and their expected outcome, so what the README shows and what the test checks cannot drift apart.
 * A line that looks like a table row but does not parse fails loudly instead of dropping a case.
 */
final class CorpusManifest {

    /** {@code | `path` | versions | rows | `key` | outcome |} */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([^`]+)` \\| ([^|]+) \\| ([0-9]+|–) \\| (`[^`]+`|–) \\| (.+) \\|$");
    private static final Pattern SYNCED = Pattern.compile("^synced(?:, ([0-9]+) rows? with a null key skipped)?$");
    private static final Pattern REFUSED = Pattern.compile("^refused: ([A-Z_]+): (.+)$");

    /** Key passed for tables without a readable schema: the sync must fail before it matters. */
    static final String ANY_KEY = "id";

    private CorpusManifest() {
    }

    static Path file() {
        return Corpus.root().resolve("CORPUS.md");
    }

    static List<CorpusTable> tables() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusTable> tables = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("| `")) {
                tables.add(parse(line));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("No table rows in " + file());
        }
        return tables;
    }

    static CorpusTable parse(String line) {
        Matcher row = ROW.matcher(line);
        if (!row.matches()) {
            throw new IllegalArgumentException("Malformed row in " + file() + ": " + line);
        }
        String key = row.group(4);
        List<String> primaryKey = key.equals("–") ? List.of(ANY_KEY)
                : Arrays.asList(key.substring(1, key.length() - 1).split(","));
        Optional<Long> rows = row.group(3).equals("–") ? Optional.empty() : Optional.of(Long.parseLong(row.group(3)));
        return new CorpusTable(row.group(1), primaryKey, rows, outcome(row.group(5).trim(), line));
    }

    private static CorpusTable.Outcome outcome(String text, String line) {
        Matcher synced = SYNCED.matcher(text);
        if (synced.matches()) {
            return new CorpusTable.Synced(synced.group(1) == null ? 0 : Long.parseLong(synced.group(1)));
        }
        Matcher refused = REFUSED.matcher(text);
        if (refused.matches()) {
            return new CorpusTable.Refused(ErrorCode.valueOf(refused.group(1)), refused.group(2));
        }
        throw new IllegalArgumentException("Outcome is neither 'synced[, N rows with a null key skipped]' nor"
                + " 'refused: CODE: reason' in " + file() + ": " + line);
    }
}
