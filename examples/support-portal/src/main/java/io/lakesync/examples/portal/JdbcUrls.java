package io.lakesync.examples.portal;

import java.util.regex.Pattern;

/** JDBC URLs carry the app role's password: this keeps it out of messages and logs. */
public final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private JdbcUrls() {
    }

    public static String masked(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
