package io.lakesync.core.spi;

/**
 * The changes of a version range on their way into a synced table, in ONE transaction: change
 * rows are staged, then {@link #commit()} collapses them per key to the last change (version
 * order, then the timeseries key; UPSERT over DELETE within a version), deletes, upserts only rows
 * that differ, and moves the watermark to the plan's end version. {@link #close()} without commit
 * rolls everything back: the target stays at its previous version.
 */
public interface IncrementalApply extends AutoCloseable {

    /** Stages the live rows of a batch; UPSERT rows with a null key are skipped and counted. */
    void write(ChangeBatch batch);

    /** Change rows staged so far. */
    long rowsStaged();

    /**
     * Applies the staged changes and writes the watermark. Fails with
     * {@code PRIMARY_KEY_CONSTRAINT_VIOLATION} when the version that wins for a key upserts it
     * twice and no timeseries key decides; the target and watermark are then unchanged.
     */
    ApplyResult commit();

    @Override
    void close();
}
