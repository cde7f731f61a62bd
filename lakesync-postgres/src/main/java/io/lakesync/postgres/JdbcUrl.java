package io.lakesync.postgres;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL JDBC URL split into the address (safe to show) and the credentials it carried
 * ({@code ?user=..&password=..}). The password never appears in {@link #masked()} or
 * {@link #toString()}, and connections get it as a property, so the driver's metadata URL (which
 * tools such as Flyway print) does not carry it either.
 */
public final class JdbcUrl {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final String MASK = "***";

    private final String address;
    private final String masked;
    private final String user;
    private final String password;

    private JdbcUrl(String address, String masked, String user, String password) {
        this.address = address;
        this.masked = masked;
        this.user = user;
        this.password = password;
    }

    public static JdbcUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "'" + maskPassword(url)
                    + "' is not a PostgreSQL JDBC URL. Pass --jdbc-url jdbc:postgresql://HOST:PORT/DATABASE"
                    + "?user=NAME&password=SECRET.");
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        List<String> kept = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        String user = null;
        String password = null;
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("password")) {
                    password = value;
                    shown.add("password=" + MASK);
                } else if (name.equals("user")) {
                    user = value;
                    shown.add(param);
                } else {
                    kept.add(param);
                    shown.add(param);
                }
            }
        }
        return new JdbcUrl(join(base, kept), join(base, shown), user, password);
    }

    /** The URL with any {@code password=} value replaced by {@code ***}; for messages and logs. */
    public static String maskPassword(String url) {
        if (url == null) {
            return "(none)";
        }
        return url.replaceAll("(?i)(password=)[^&;]*", "$1" + MASK);
    }

    private static String join(String base, List<String> params) {
        return params.isEmpty() ? base : base + "?" + String.join("&", params);
    }

    /** The URL without user and password: what to connect to. */
    public String address() {
        return address;
    }

    /** The URL as given, with the password replaced by {@code ***}. */
    public String masked() {
        return masked;
    }

    /** Connection properties: the credentials taken out of the URL (none when it had none). */
    public Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** Replaces the password, wherever it appears in {@code text} (a driver message), by {@code ***}. */
    public String scrub(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, MASK);
    }

    @Override
    public String toString() {
        return masked;
    }
}
