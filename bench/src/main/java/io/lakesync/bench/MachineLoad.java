package io.lakesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The machine's cores and current load, printed with the figures because other work skews them. */
final class MachineLoad {

    private MachineLoad() {
    }

    static String describe() {
        String load;
        try {
            load = Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            load = "unknown";
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load
                + " (figures are only comparable on an otherwise idle machine)";
    }
}
