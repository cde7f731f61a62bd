package io.lakesync.examples.portal.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller for every open page: checks the {@link VersionSource} every interval and pushes to
 * each subscriber (an SSE connection) a {@code freshness} event every tick, a {@code sync} event when
 * new data landed, and a {@code work} event when someone changed an incident through the portal.
 * Pages refresh their parts on {@code sync} and {@code work}; the number of pages open does not
 * change how often the source is asked.
 */
public final class LiveUpdates implements AutoCloseable {

    /** Where events go; returns false when the subscriber is gone (it is then dropped). */
    public interface Subscriber {
        boolean send(String event, String data);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    private final VersionSource source;
    private final Duration interval;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portal-live-updates");
        t.setDaemon(true);
        return t;
    });
    private volatile DataVersion current = DataVersion.unknown("not checked yet");
    private volatile String lastProblem = "";

    public LiveUpdates(VersionSource source, Duration interval) {
        this.source = source;
        this.interval = interval;
    }

    /** Reads the version once (so the first page has a badge) and starts polling. */
    public LiveUpdates start() {
        poll();
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The version last read. */
    public DataVersion current() {
        return current;
    }

    /**
     * A number that grows whenever the data (a sync) or the team's work (an edit) changed: caches of
     * aggregates are good while it stays the same.
     */
    public long generation() {
        return generation.get();
    }

    /** Someone changed an incident's state or thread: every open page refreshes what shows it. */
    public void workChanged(String incidentId) {
        generation.incrementAndGet();
        broadcast("work", event(Map.of("incident_id", incidentId)));
    }

    /** Adds an open page; it gets the badge right away. */
    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
        if (!subscriber.send("freshness", freshness(current, Instant.now()))) {
            subscribers.remove(subscriber);
        }
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private void tick() {
        try {
            DataVersion before = current;
            poll();
            DataVersion after = current;
            Instant now = Instant.now();
            // a new version, or the first good reading after an outage (pages may show stale figures)
            if (!after.fingerprint().isEmpty() && !after.fingerprint().equals(before.fingerprint())) {
                generation.incrementAndGet();
                Map<String, Object> data = new LinkedHashMap<>();
                after.deltaVersion().ifPresent(v -> data.put("delta_version", v));
                data.put("text", after.describe(now));
                broadcast("sync", event(data));
            }
            broadcast("freshness", freshness(after, now));
        } catch (RuntimeException e) {
            // never let one bad tick end the schedule
            LOG.warn("Live update tick failed", e);
        }
    }

    private void poll() {
        DataVersion read;
        try {
            read = source.current();
            lastProblem = "";
        } catch (Exception e) {
            String problem = "Cannot read the data version (" + source.describe() + "): " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.warn("{}", problem);
                lastProblem = problem;
            }
            read = DataVersion.unknown(problem);
        }
        current = read;
    }

    private void broadcast(String event, String data) {
        for (Subscriber subscriber : subscribers) {
            boolean delivered;
            try {
                delivered = subscriber.send(event, data);
            } catch (RuntimeException e) {
                delivered = false;
            }
            if (!delivered) {
                subscribers.remove(subscriber);
            }
        }
    }

    private String freshness(DataVersion version, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", version.describe(now));
        data.put("state", version.state(now));
        data.put("detail", version.detail());
        version.deltaVersion().ifPresent(v -> data.put("delta_version", v));
        return event(data);
    }

    private String event(Map<String, ?> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an event as JSON: " + data, e);
        }
    }

    /** Stops polling; subscribers are closed by the web server. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
