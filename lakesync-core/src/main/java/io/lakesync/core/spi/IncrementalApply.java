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

    /**
     * A dry run, called instead of {@link #commit()} once every batch is written: what commit would
     * do, computed from the staged changes collapsed per key against the live target, then
     * everything is rolled back (target, watermark and run history unchanged; the apply is over).
     * Counts: rows to insert (keys not in the target), to update (keys in the target whose row
     * differs), to delete (deleted keys present in the target); with up to {@code sampleKeys} keys
     * of each, in key order (composite keys as "(a, b)"). Fails like commit would on a duplicated key.
     */
    PreviewResult preview(int sampleKeys);

    @Override
    void close();
}
