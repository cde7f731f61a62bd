package io.lakesync.core.spi;

import java.util.List;

/**
 * The result of comparing a target with its source: how many rows only the source has (or has
 * with other values), how many only the target has, and a sample of the differing keys, each
 * rendered as {@code col=value, ...}.
 */
public record Comparison(long sourceRows, long targetRows, long missingOrDifferentInTarget, long extraOrDifferentInTarget,
        List<String> sampleKeys) {

    public Comparison {
        sampleKeys = List.copyOf(sampleKeys);
    }

    public boolean equal() {
        return missingOrDifferentInTarget == 0 && extraOrDifferentInTarget == 0;
    }
}
