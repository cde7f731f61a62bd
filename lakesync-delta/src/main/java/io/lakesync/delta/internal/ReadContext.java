package io.lakesync.delta.internal;

/** What is being read, for error messages raised while decoding values. */
record ReadContext(String column, String dataFile) {

    ReadContext child(String suffix) {
        return new ReadContext(column + suffix, dataFile);
    }
}
