package io.lakesync.examples.demo;

import java.nio.file.Path;

/**
 * @param workDir the demo's own folder (its Delta table lives there); cleared at every start
 */
record DemoSettings(String jdbcUrl, String host, int port, int portalPort, String apiToken, Path workDir) {

    Path deltaTable() {
        return workDir.resolve("incidents");
    }
}
