package io.lakesync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writers of {@code bench/run fifty-tables}: every table commits the next version of the
 * {@link CommitTemplate} once per interval, the tables' first commits spread evenly over the first
 * interval so the load is steady rather than a burst every interval. A table starts at version 1
 * with the template's data files in place (files no commit names yet are invisible to readers);
 * a commit writes the version's log file under a temporary name and renames it, as Delta's
 * local log store does, and after a checkpoint version also the checkpoint and
 * {@code _last_checkpoint}. Per commit it records the commit file's modification time: the
 * moment the version became visible to readers of the log.
 */
final class StaggeredWriters {

    /** One commit: table index, version, rows, and the commit file's time. */
    record Commit(int table, long version, int rows, long fileTimeMillis) {
    }

    private static final int THREADS = 2;

    private final CommitTemplate template;
    private final List<Path> tables;
    private final AtomicLong maxSlipMillis = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private StaggeredWriters(CommitTemplate template, List<Path> tables) {
        this.template = template;
        this.tables = tables;
    }

    /** Creates {@code count} tables under {@code dir}, each at version 1 of the template. */
    static StaggeredWriters create(Path dir, int count, CommitTemplate template) {
        List<Path> tables = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path table = dir.resolve(String.format("t%03d", i));
                Files.createDirectories(table.resolve("_delta_log"));
                try (DirectoryStream<Path> files = Files.newDirectoryStream(template.dir(), "*.parquet")) {
                    for (Path file : files) {
                        Files.copy(file, table.resolve(file.getFileName()));
                    }
                }
                tables.add(table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the commit template into " + dir, e);
        }
        StaggeredWriters writers = new StaggeredWriters(template, tables);
        for (Path table : tables) {
            writers.commit(table, 0);
            writers.commit(table, 1);
        }
        return writers;
    }

    List<Path> dirs() {
        return tables;
    }

    /** Commits to every table once per {@code intervalMillis} until {@code durationMillis} have passed. */
    List<Commit> run(long durationMillis, long intervalMillis) throws InterruptedException {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS);
        List<Commit> commits = Collections.synchronizedList(new ArrayList<>());
        long started = System.currentTimeMillis();
        long end = started + durationMillis;
        for (int i = 0; i < tables.size(); i++) {
            int index = i;
            long offset = intervalMillis * i / tables.size();
            AtomicLong next = new AtomicLong(2);
            // fixed rate: a late commit does not push the table's later ones back
            pool.scheduleAtFixedRate(() -> {
                long version = next.getAndIncrement();
                long now = System.currentTimeMillis();
                if (now >= end || version > template.lastVersion() || failure.get() != null) {
                    return;
                }
                maxSlipMillis.accumulateAndGet(now - (started + offset + (version - 2) * intervalMillis), Math::max);
                try {
                    long fileTime = commit(tables.get(index), version);
                    commits.add(new Commit(index, version, template.rows(version), fileTime));
                } catch (RuntimeException e) {
                    // a periodic task that throws is silently never run again: keep the error for run() to report
                    failure.compareAndSet(null, e);
                }
            }, offset, intervalMillis, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
        pool.shutdown(); // periodic tasks stop; a commit in flight completes
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The writers did not finish their last commits within 60 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Commit> all = new ArrayList<>(commits);
        all.sort(Comparator.comparingLong(Commit::fileTimeMillis));
        return all;
    }

    /** Publishes one version of the template in {@code table}; returns its commit file's time. */
    private long commit(Path table, long version) {
        Path log = table.resolve("_delta_log");
        try {
            Path commitFile = publish(template.commitFile(version), log);
            if (template.hasCheckpoint(version)) {
                publish(template.checkpointFile(version), log);
                Path tmp = log.resolve(".last_checkpoint.tmp");
                Files.copy(template.lastCheckpointFile(version), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, log.resolve("_last_checkpoint"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                checkpoints.incrementAndGet();
            }
            return Files.getLastModifiedTime(commitFile).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit version " + version + " to " + table, e);
        }
    }

    /** Copies a log file under a hidden temporary name and renames it: readers see all of it or nothing. */
    private static Path publish(Path source, Path log) throws IOException {
        Path target = log.resolve(source.getFileName());
        Path tmp = log.resolve("." + source.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING); // without COPY_ATTRIBUTES: its time is now
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The most any commit started after its planned time (the writers falling behind their schedule). */
    long maxSlipMillis() {
        return maxSlipMillis.get();
    }

    long checkpoints() {
        return checkpoints.get();
    }
}
