package io.lakesync.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void credentialsMoveToPropertiesAndThePasswordIsMasked() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db:5433/app?user=sync&password=p%40ss%26word&sslmode=require");
        assertEquals("jdbc:postgresql://db:5433/app?sslmode=require", url.address());
        assertEquals("jdbc:postgresql://db:5433/app?user=sync&password=***&sslmode=require", url.masked());
        assertEquals(url.masked(), url.toString());
        Properties credentials = url.credentials();
        assertEquals("sync", credentials.getProperty("user"));
        assertEquals("p@ss&word", credentials.getProperty("password"));
        assertEquals("FATAL: *** was wrong", url.scrub("FATAL: p@ss&word was wrong"));
    }

    @Test
    void aUrlWithoutCredentialsStaysAsItIs() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost/app");
        assertEquals("jdbc:postgresql://localhost/app", url.address());
        assertTrue(url.credentials().isEmpty());
        assertEquals("jdbc:postgresql:app", JdbcUrl.parse("jdbc:postgresql:app").masked());
    }

    @Test
    void maskPasswordWorksOnAnyText() {
        assertEquals("jdbc:x://h/d?PASSWORD=***&a=b", JdbcUrl.maskPassword("jdbc:x://h/d?PASSWORD=abc&a=b"));
    }
}
