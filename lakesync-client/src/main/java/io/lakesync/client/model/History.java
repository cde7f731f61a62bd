package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Recent lag and throughput samples of one table, oldest first (kept in the server's memory). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record History(List<HistoryPoint> points) {

    public History {
        points = points == null ? List.of() : List.copyOf(points);
    }
}
