package io.lakesync.examples.portal.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.lakesync.examples.portal.data.BadRequest;
import io.lakesync.examples.portal.data.DashboardQueries;
import io.lakesync.examples.portal.data.IncidentLookup;
import io.lakesync.examples.portal.data.Incidents;
import io.lakesync.examples.portal.data.NotFound;
import io.lakesync.examples.portal.data.Work;
import io.lakesync.examples.portal.live.LiveUpdates;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The portal's HTTP server: pages, fragments, forms, the live event stream and the JSON API. */
public final class PortalWeb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalWeb.class);

    private final Pages pages;
    private final Api api;
    private final IncidentLookupHandler lookups;
    private final LiveUpdates live;
    private final int databaseConnections;
    private final Set<SseClient> streams = ConcurrentHashMap.newKeySet();
    private Javalin app;

    /** @param databaseConnections the size of the portal's connection pool; it sizes the request threads */
    public PortalWeb(Incidents incidents, IncidentLookup lookup, Work work, DashboardQueries dashboard,
            LiveUpdates live, List<String> team, int databaseConnections) {
        StatsCache stats = new StatsCache(dashboard, live);
        this.pages = new Pages(incidents, work, stats, live, new Templates(), team);
        this.api = new Api(incidents, lookup, stats);
        this.lookups = new IncidentLookupHandler(lookup);
        this.live = live;
        this.databaseConnections = databaseConnections;
    }

    /**
     * Jetty's request threads, sized to the database connections. Nearly every request needs a
     * connection: threads beyond the connections only park in the connection pool, and every park
     * and wake-up is a context switch, which on a small (virtual) machine costs more CPU than the
     * lookup itself ({@code bench/run portal} showed 8-9 switches per lookup with Javalin's 250
     * threads at 32 clients, 5-6 with this pool, and about 20% more lookups per second). Waiting
     * requests queue in Jetty instead. Reserved threads are off for the same reason: handing the
     * selector to a parked spare thread is one more wake-up per request. The extra threads serve
     * Jetty's acceptor and selector and the pages and event streams, which need no connection to
     * wait for one.
     */
    private static QueuedThreadPool requestThreads(int databaseConnections) {
        int threads = databaseConnections + 8;
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("JettyServerThreadPool");
        pool.setReservedThreads(0);
        return pool;
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start(String host, int port) {
        app = Javalin.create(this::configure).start(host, port);
        return app.port();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // Javalin appends its own handler to a sequence it finds on the server: the lookups go first
        config.jetty.modifyServer(server -> server.setHandler(new Handler.Sequence(lookups)));
        config.jetty.threadPool = requestThreads(databaseConnections);
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/portal-static";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        var routes = config.routes;

        routes.get("/", pages::dashboard);
        routes.get("/incidents/{id}", pages::incident);
        routes.post("/incidents/{id}/owner", pages::assign);
        routes.post("/incidents/{id}/status", pages::setStatus);
        routes.post("/incidents/{id}/comments", pages::comment);
        routes.post("/me", pages::switchActor);
        routes.sse("/events", this::stream);

        routes.get("/api/incidents", api::list);
        routes.get("/api/incidents/{id}", api::incident);
        routes.get("/api/stats", api::stats);
        routes.get("/health", api::health);

        routes.exception(BadRequest.class, (e, ctx) -> fail(ctx, 400, "INVALID_PARAMETER_VALUE", "Not understood",
                e.getMessage()));
        routes.exception(NotFound.class, (e, ctx) -> fail(ctx, 404, "RESOURCE_DOES_NOT_EXIST", "No such incident",
                e.getMessage()));
        routes.exception(SQLException.class, (e, ctx) -> {
            boolean transient_ = e instanceof SQLTransientException || (e.getSQLState() != null
                    && e.getSQLState().startsWith("08"));
            LOG.warn("{} {} failed in PostgreSQL: {}", ctx.method(), ctx.path(), e.getMessage());
            fail(ctx, 503, "TEMPORARILY_UNAVAILABLE", "Database unavailable", "The portal cannot read its data from"
                    + " PostgreSQL right now (" + (transient_ ? "connection problem" : e.getSQLState()) + ": "
                    + e.getMessage() + "). Try again in a moment; if it persists, check the database.");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            fail(ctx, 500, "INTERNAL_ERROR", "Something went wrong", "The portal failed unexpectedly: " + e
                    + ". See its log.");
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                fail(ctx, 404, "RESOURCE_DOES_NOT_EXIST", "Page not found", "Nothing lives at " + ctx.path()
                        + ". The dashboard is at /, the API at /api/incidents.");
            }
        });
    }

    /** The live event stream of one open page. */
    private void stream(SseClient client) {
        client.keepAlive();
        streams.add(client);
        LiveUpdates.Subscriber subscriber = (event, data) -> {
            // the poller and request threads both send: one event at a time per connection
            synchronized (client) {
                if (client.terminated()) {
                    return false;
                }
                client.sendEvent(event, data);
                return !client.terminated();
            }
        };
        client.onClose(() -> {
            live.unsubscribe(subscriber);
            streams.remove(client);
        });
        live.subscribe(subscriber);
    }

    private void fail(Context ctx, int status, String code, String title, String message) {
        boolean wantsJson = ctx.path().startsWith("/api/") || ctx.path().equals("/health")
                || (ctx.header("Accept") != null && ctx.header("Accept").startsWith("application/json"));
        if (wantsJson) {
            api.error(ctx, status, code, message);
        } else {
            pages.error(ctx, status, title, message);
        }
    }

    @Override
    public void close() {
        // end the open event streams first: they would hold the server's graceful stop
        for (SseClient client : streams) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream failed", e);
            }
        }
        if (app != null) {
            app.stop();
        }
    }
}
