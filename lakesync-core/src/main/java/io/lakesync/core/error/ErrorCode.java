package io.lakesync.core.error;

/**
 * Every way a sync can fail that a user can act on. The name is printed and stored in the run
 * history, so scripts and alerts can match on it; keep names stable.
 */
public enum ErrorCode {
    /** A flag or setting is missing or malformed. */
    INVALID_ARGUMENT(false),
    /** The source path holds no Delta table. */
    SOURCE_NOT_FOUND(false),
    /** The requested Delta version does not exist (or no longer exists). */
    VERSION_NOT_FOUND(false),
    /** The Delta table uses a feature (protocol, reader feature) this build cannot read. */
    UNSUPPORTED_DELTA_FEATURE(false),
    /** The Delta table's log or data files are damaged or cannot be read. */
    SOURCE_UNREADABLE(true),
    /** A column named in the key, the timeseries key or the column list is not in the source. */
    COLUMN_NOT_FOUND(false),
    /** A key column has a type that cannot be a PostgreSQL primary key column (nested, variant). */
    UNSUPPORTED_KEY_TYPE(false),
    /** Two rows of one source version share a primary key and no timeseries key decides. */
    PRIMARY_KEY_CONSTRAINT_VIOLATION(false),
    /** A string value cannot be stored in PostgreSQL text (NUL byte). */
    INVALID_TEXT_VALUE(false),
    /** The target table exists but was not created by lakesync or does not match the source. */
    TARGET_CONFLICT(false),
    /** Source versions after the watermark can no longer be read (log retention, vacuum): a snapshot is needed. */
    HISTORY_UNAVAILABLE(true),
    /** The source schema changed in a way an incremental sync cannot follow. */
    SCHEMA_CHANGE_REQUIRES_FULL_REFRESH(false),
    /** The synced table has no watermark yet (never synced). */
    NOT_SYNCED(false),
    /** PostgreSQL cannot be reached or refused the connection. */
    TARGET_UNAVAILABLE(true),
    /** PostgreSQL refused the credentials or the privileges are missing. */
    TARGET_PERMISSION_DENIED(false),
    /** PostgreSQL aborted the transaction for a serialization failure or a deadlock (40001, 40P01). */
    TRANSACTION_CONFLICT(true),
    /** PostgreSQL ran out of disk, memory or connections (SQLState class 53). */
    TARGET_OUT_OF_RESOURCES(true),
    /** No synced table has this name. */
    SYNCED_TABLE_NOT_FOUND(false),
    /** A synced table with this name exists already. */
    SYNCED_TABLE_EXISTS(false),
    /** Readers kept the target locked longer than the swap was allowed to wait. */
    LOCK_TIMEOUT(true),
    /** The run was interrupted (SIGINT/SIGTERM) before it committed; the target is unchanged. */
    CANCELLED(false),
    /** A bug or an unexpected failure; the message carries the cause. */
    INTERNAL_ERROR(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether running the same sync again later may succeed without a change by the user. */
    public boolean retryable() {
        return retryable;
    }
}
