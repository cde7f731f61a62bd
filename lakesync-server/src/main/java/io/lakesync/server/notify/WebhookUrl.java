package io.lakesync.server.notify;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A webhook address split into what is sent and what may be logged.
 *
 * <p>Credentials in the user-info part ({@code https://user:password@host/...}) become a Basic
 * {@code Authorization} header rather than part of the request line. The form for logs keeps
 * only scheme, host and port: besides user-info and query, many webhook services (Slack, Teams,
 * Discord) carry their secret token in the path.
 *
 * @param target        the address requested, without user-info or fragment
 * @param authorization the Basic authorization header value, when the address carried user-info
 * @param redacted      the address for logs and error messages
 */
record WebhookUrl(URI target, Optional<String> authorization, String redacted) {

    static WebhookUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            // Not e.getMessage(): it quotes the whole input, credentials included.
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The webhook URL is not a valid URL ("
                    + e.getReason() + " at character " + e.getIndex() + "). Give it as http(s)://host[:port]/path.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The webhook URL must be an absolute http or https"
                    + " URL with a host, for example https://alerts.example.com/lakesync; got one with scheme '"
                    + scheme + "'" + (uri.getHost() == null ? " and no host" : "") + ".");
        }
        String origin = scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        Optional<String> authorization = Optional.ofNullable(uri.getUserInfo())
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        String redacted = origin + (path.equals("/") ? "/" : "/...");
        return new WebhookUrl(URI.create(origin + path + query), authorization, redacted);
    }

    /** {@code text} (an error message) with the target address, should it quote it, replaced by the redacted form. */
    String scrub(String text) {
        String full = target.toString();
        String withoutQuery = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
        return text.replace(full, redacted).replace(withoutQuery, redacted);
    }

    @Override
    public String toString() {
        return redacted;
    }
}
