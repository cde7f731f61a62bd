package io.lakesync.server.incremental;

import io.lakesync.server.cli.LakesyncCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the {@code lakesync} command line, with what it printed. */
record Cli(List<String> args, int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LakesyncCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(List.of(args), code, out.toString(), err.toString());
    }

    /** {@code lakesync sync} of {@code source} into {@code target} keyed by id, plus {@code extra} options. */
    static Cli sync(String source, String target, String jdbcUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--source", source, "--target", target,
                "--primary-key", "id", "--jdbc-url", jdbcUrl, "--no-progress"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    static Cli triggered(String source, String target, String jdbcUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("--mode", "triggered"));
        args.addAll(List.of(extra));
        return sync(source, target, jdbcUrl, args.toArray(String[]::new));
    }

    /** {@code lakesync verify}, at the watermark's version or at {@code --version N} given in {@code extra}. */
    static Cli verify(String source, String target, String jdbcUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--source", source, "--target", target,
                "--jdbc-url", jdbcUrl));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "lakesync " + String.join(" ", args) + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n"
                + err;
    }
}
