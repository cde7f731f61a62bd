package io.lakesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the portal's request threads spend their CPU, from Java Flight Recorder's execution samples
 * (threads running Java code, every 2 ms): each sample goes to the library of its innermost frame
 * outside the JDK and Kotlin's standard library (so a DateTimeFormatter called by Jackson counts as
 * Jackson). Kernel time (sockets, wake-ups) is not in these samples: {@link ThreadGroupCpu} measures it.
 */
final class ServingProfile implements AutoCloseable {

    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.eclipse.jetty.", "Jetty (HTTP parsing, connections, threads)"},
            new String[] {"jakarta.servlet.", "Jetty (HTTP parsing, connections, threads)"},
            new String[] {"io.javalin.", "Javalin (routing, context, response)"},
            new String[] {"com.fasterxml.jackson.", "Jackson (JSON answer, risk factors)"},
            new String[] {"org.postgresql.", "pgjdbc (protocol, decoding)"},
            new String[] {"com.zaxxer.hikari.", "HikariCP (pool)"},
            new String[] {"io.lakesync.examples.portal.", "portal code"});

    private final Recording recording = new Recording();
    private final String threadPrefix;

    /** Starts recording; the threads whose names start with {@code threadPrefix} are reported. */
    ServingProfile(String threadPrefix) {
        this.threadPrefix = threadPrefix;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops recording and prints the libraries and the hottest methods of the request threads. */
    void report(int topMethods) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("lakesync-bench-portal", ".jfr");
        try {
            recording.dump(file);
            Map<String, Integer> byLibrary = new HashMap<>();
            Map<String, Integer> byMethod = new HashMap<>();
            Map<String, Integer> byThreadGroup = new HashMap<>();
            int samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                byThreadGroup.merge(ThreadGroupCpu.groupOf(name).name(), 1, Integer::sum);
                if (!name.startsWith(threadPrefix)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                byLibrary.merge(library(frames), 1, Integer::sum);
                if (!frames.isEmpty()) {
                    RecordedFrame top = frames.get(0);
                    String type = top.getMethod().getType().getName();
                    byMethod.merge(type.substring(type.lastIndexOf('.') + 1) + "." + top.getMethod().getName(), 1,
                            Integer::sum);
                }
            }
            int all = byThreadGroup.values().stream().mapToInt(Integer::intValue).sum();
            ResultPrinter.line("  Java execution samples of this JVM by thread group: %s", share(byThreadGroup, all));
            ResultPrinter.line("  request threads ('%s*'), %d samples, by library:", threadPrefix, samples);
            print(byLibrary, samples, Integer.MAX_VALUE);
            ResultPrinter.line("  hottest methods (innermost frame):");
            print(byMethod, samples, topMethods);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String[] library : LIBRARIES) {
                if (type.startsWith(library[0])) {
                    return library[1];
                }
            }
        }
        return "JDK only (threads, queues)";
    }

    private static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> ResultPrinter.line("    %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
    }

    private static String share(Map<String, Integer> counts, int total) {
        StringBuilder text = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e ->
                text.append(text.length() == 0 ? "" : ", ").append(e.getKey().toLowerCase().replace('_', ' '))
                        .append(String.format(java.util.Locale.ROOT, " %.0f%%", 100.0 * e.getValue() / Math.max(1, total))));
        return text.toString();
    }

    @Override
    public void close() {
        recording.close();
    }
}
