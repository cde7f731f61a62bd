package io.lakesync.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the lakesync REST API, used by the client to read answers and by
 * the server to write them, so both sides agree on the shape by construction: snake_case names
 * (declared on each model record), null fields left out, timestamps as ISO-8601 strings, and
 * unknown fields ignored so an older client keeps working against a newer server.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final ObjectMapper STRICT = configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /**
     * The shared mapper (thread-safe). Do not reconfigure it: it is shared by every caller in the
     * process. Use {@link #newMapper()} for a private copy to customise.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Like {@link #mapper()} but failing on unknown fields: for a server reading request bodies,
     * where a misspelt field ("freshness_sla_secs") must be an error rather than silently ignored.
     */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    /** A new mapper with the API's settings, for callers that need to add their own. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /** Applies the API's settings to {@code mapper} (for example a web framework's own mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // NON_NULL, not NON_ABSENT: an empty Optional in TableUpdate must be written as an
                // explicit null, which tells the server to clear that field.
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** {@code value} as compact JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as indented JSON text, for people to read. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
