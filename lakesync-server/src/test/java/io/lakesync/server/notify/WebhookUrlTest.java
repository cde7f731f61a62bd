package io.lakesync.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void userInfoBecomesBasicAuthorizationAndLeavesTheTarget() {
        WebhookUrl url = WebhookUrl.parse("https://alice:s%40cret@alerts.example.com:8443/hooks/abc?token=xyz#frag");
        assertEquals(URI.create("https://alerts.example.com:8443/hooks/abc?token=xyz"), url.target());
        // base64("alice:s@cret"): user-info is decoded before it is encoded for the header.
        assertEquals(Optional.of("Basic YWxpY2U6c0BjcmV0"), url.authorization());
        assertEquals("https://alerts.example.com:8443/...", url.redacted());
        assertEquals("https://alerts.example.com:8443/...", url.toString());
    }

    @Test
    void aPlainUrlIsKeptAsIs() {
        WebhookUrl url = WebhookUrl.parse("http://127.0.0.1:9000/");
        assertEquals(URI.create("http://127.0.0.1:9000/"), url.target());
        assertEquals(Optional.empty(), url.authorization());
        assertEquals("http://127.0.0.1:9000/", url.redacted());
        assertEquals(URI.create("http://hooks.example.com/"), WebhookUrl.parse("http://hooks.example.com").target());
    }

    @Test
    void scrubReplacesTheAddressInErrorMessages() {
        WebhookUrl url = WebhookUrl.parse("https://u:p@h.example.com/secret/path?token=t");
        assertEquals("failed to reach https://h.example.com/... and https://h.example.com/...",
                url.scrub("failed to reach https://h.example.com/secret/path?token=t and https://h.example.com/secret/path"));
    }

    @Test
    void refusesWhatIsNotAnHttpUrlWithoutQuotingIt() {
        LakesyncException notHttp = assertThrows(LakesyncException.class,
                () -> WebhookUrl.parse("ftp://user:pw@host/x"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, notHttp.code());
        assertEquals("The webhook URL must be an absolute http or https URL with a host, for example"
                + " https://alerts.example.com/lakesync; got one with scheme 'ftp'.", notHttp.getMessage());

        LakesyncException relative = assertThrows(LakesyncException.class, () -> WebhookUrl.parse("/hooks"));
        assertEquals("The webhook URL must be an absolute http or https URL with a host, for example"
                + " https://alerts.example.com/lakesync; got one with scheme '' and no host.", relative.getMessage());

        LakesyncException malformed = assertThrows(LakesyncException.class,
                () -> WebhookUrl.parse("https://user:pw@host/a b"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, malformed.code());
        assertFalse(malformed.getMessage().contains("pw"), malformed.getMessage());
    }
}
