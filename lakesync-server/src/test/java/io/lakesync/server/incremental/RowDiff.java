package io.lakesync.server.incremental;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one apply did to a target table, seen from PostgreSQL: keys that appeared, keys that went,
 * keys whose row changed, and keys whose row stayed the same but was written again anyway (a new
 * xmin on an identical row breaks the rule that an identical upsert changes nothing).
 */
record RowDiff(long inserted, long updated, long deleted, List<Long> rewrittenUnchanged) {

    static RowDiff between(Map<Long, TargetDb.StoredRow> before, Map<Long, TargetDb.StoredRow> after) {
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        List<Long> rewritten = new ArrayList<>();
        for (Map.Entry<Long, TargetDb.StoredRow> row : after.entrySet()) {
            TargetDb.StoredRow old = before.get(row.getKey());
            if (old == null) {
                inserted++;
            } else if (!old.text().equals(row.getValue().text())) {
                updated++;
            } else if (!old.xmin().equals(row.getValue().xmin())) {
                rewritten.add(row.getKey());
            }
        }
        for (Long key : before.keySet()) {
            if (!after.containsKey(key)) {
                deleted++;
            }
        }
        return new RowDiff(inserted, updated, deleted, rewritten);
    }

    /** The first few keys of identical rows that were written again, for a failure message. */
    String rewrittenSample() {
        return rewrittenUnchanged.size() + " rows, e.g. id " + rewrittenUnchanged.subList(0,
                Math.min(10, rewrittenUnchanged.size()));
    }
}
