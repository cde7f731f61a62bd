package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.client.Json;

/** Compares JSON texts as trees, so spacing and field order do not matter. */
final class ModelJson {

    private ModelJson() {
    }

    static void assertJson(String expected, String actual) {
        try {
            JsonNode want = Json.mapper().readTree(expected);
            JsonNode got = Json.mapper().readTree(actual);
            assertEquals(want, got, () -> "expected " + want.toPrettyString() + "\nbut got " + got.toPrettyString());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
