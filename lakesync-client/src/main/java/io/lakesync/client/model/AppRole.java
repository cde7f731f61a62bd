package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * An app role. The answer to its creation carries the {@code password}, once: the server keeps only
 * a hash, and lists leave it out. Lists carry when and by whom it was created, and
 * {@code role_exists} false when the role was dropped outside lakesync.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppRole(String name, String password, String stateSchema, List<String> readTables, Instant createdAt,
        String createdBy, Boolean roleExists) {

    /** The answer to a creation: with the password. */
    public static AppRole created(String name, String password, String stateSchema, List<String> readTables) {
        return new AppRole(name, password, stateSchema, readTables, null, null, null);
    }

    @Override
    public String toString() {
        return "AppRole[name=" + name + ", password=" + (password == null ? "null" : "****") + ", stateSchema="
                + stateSchema + ", readTables=" + readTables + ", createdAt=" + createdAt + ", createdBy=" + createdBy
                + ", roleExists=" + roleExists + "]";
    }
}
