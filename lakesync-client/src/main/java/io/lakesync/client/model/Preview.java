package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the next sync would do, computed without applying anything. When {@code snapshot} is true
 * the next sync is a full copy: every source row counts as an insert.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preview(
        boolean snapshot,
        Long fromVersion,
        Long toVersion,
        long rowsToInsert,
        long rowsToUpdate,
        long rowsToDelete,
        SampleKeys sampleKeys) {
}
