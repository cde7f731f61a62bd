package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A few primary keys of the rows a sync would insert, update and delete (composite keys as "(a, b)"). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleKeys(List<String> insert, List<String> update, List<String> delete) {

    public SampleKeys {
        insert = insert == null ? List.of() : List.copyOf(insert);
        update = update == null ? List.of() : List.copyOf(update);
        delete = delete == null ? List.of() : List.copyOf(delete);
    }
}
