package io.lakesync.core.spi;

import java.util.List;

/**
 * What the next sync of a table would do, computed without applying anything: the rows it would
 * insert, update and delete between {@code fromVersion} and {@code toVersion}, with a few keys of
 * each (rendered as text, composite keys as "(a, b)"). {@code snapshot} is true when the next sync
 * is a full copy (never synced, or the history after the watermark is gone); then every source row
 * counts as an insert and the counts of updates and deletes are zero.
 */
public record PreviewResult(
        boolean snapshot,
        long fromVersion,
        long toVersion,
        long rowsToInsert,
        long rowsToUpdate,
        long rowsToDelete,
        List<String> sampleInsertKeys,
        List<String> sampleUpdateKeys,
        List<String> sampleDeleteKeys) {

    public PreviewResult {
        sampleInsertKeys = List.copyOf(sampleInsertKeys);
        sampleUpdateKeys = List.copyOf(sampleUpdateKeys);
        sampleDeleteKeys = List.copyOf(sampleDeleteKeys);
    }
}
