package io.lakesync.server.corpus;

import io.lakesync.server.cli.LakesyncCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code lakesync} command line, with what it printed. */
record CommandRun(String[] args, int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LakesyncCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(args, code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "lakesync " + String.join(" ", args) + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
