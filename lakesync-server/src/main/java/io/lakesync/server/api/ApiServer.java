package io.lakesync.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.EndpointNotFound;
import io.lakesync.client.Json;
import io.lakesync.client.model.AuditEntry;
import io.lakesync.client.model.AuditPage;
import io.lakesync.client.model.Health;
import io.lakesync.client.model.History;
import io.lakesync.client.model.HistoryPoint;
import io.lakesync.client.model.Preview;
import io.lakesync.client.model.Run;
import io.lakesync.client.model.RunPage;
import io.lakesync.client.model.SampleKeys;
import io.lakesync.client.model.SyncRequestAnswer;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.SyncedTablePage;
import io.lakesync.client.model.TableUpdate;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.PreviewResult;
import io.lakesync.core.spi.RunRecord;
import io.lakesync.postgres.catalog.ApiTokens;
import io.lakesync.postgres.catalog.AuditLog;
import io.lakesync.server.service.SyncService;
import io.lakesync.server.service.TableStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the service: the synced tables API (Databricks' shape), the audit log, the
 * OpenAPI document, health, Prometheus metrics and the console. Every {@code /api/2.0} call needs
 * a bearer token; every mutating call is audited.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    static final String TABLES = "/api/2.0/database/synced_tables";
    static final String TABLE = TABLES + "/{name}";
    static final String AUDIT_LOG = "/api/2.0/database/audit_log";

    /** Every route this server answers, as method and path template: the OpenAPI test checks them all. */
    public static final List<String> ROUTES = List.of(
            "GET " + TABLES, "POST " + TABLES, "GET " + TABLE, "PATCH " + TABLE, "DELETE " + TABLE,
            "POST " + TABLE + "/sync", "POST " + TABLE + "/full-refresh", "GET " + TABLE + "/runs",
            "POST " + TABLE + "/preview", "GET " + TABLE + "/history", "GET " + AUDIT_LOG,
            "GET /api/openapi.json", "GET /health", "GET /metrics",
            "GET /api/2.0/database/app_roles", "POST /api/2.0/database/app_roles",
            "DELETE /api/2.0/database/app_roles/{name}");

    private final SyncService service;
    private final AuditLog auditLog;
    private final ApiAuth auth;
    private final AuditTrail audit;
    private final Supplier<String> metrics;
    private final String metricsContentType;
    private final Function<TableName, List<HistoryPoint>> history;
    private final Supplier<Boolean> databaseUp;
    private final byte[] openApi;
    private final AppRoleRoutes.Access appRoles;
    private Javalin app;

    public ApiServer(SyncService service, AuditLog auditLog, ApiTokens tokens, Supplier<String> metrics,
            String metricsContentType, Function<TableName, List<HistoryPoint>> history, Supplier<Boolean> databaseUp,
            AppRoleRoutes.Access appRoles) {
        this.appRoles = appRoles;
        this.service = service;
        this.auditLog = auditLog;
        this.auth = new ApiAuth(tokens);
        this.audit = new AuditTrail(auditLog);
        this.metrics = metrics;
        this.metricsContentType = metricsContentType;
        this.history = history;
        this.databaseUp = databaseUp;
        this.openApi = resource("/openapi.json");
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start(String host, int port) {
        app = Javalin.create(this::configure).start(host, port);
        LOG.info("listening on {}:{}", host, app.port());
        return app.port();
    }

    private void configure(JavalinConfig config) {
        config.jsonMapper(new JavalinJackson(Json.newMapper(), false));
        config.startup.showJavalinBanner = false;
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        var routes = config.routes;
        routes.before("/api/2.0/*", auth::authenticate);
        routes.exception(ApiAuth.Unauthenticated.class,
                (e, ctx) -> ApiErrors.write(ctx, 401, ApiErrors.UNAUTHENTICATED, e.getMessage()));
        routes.exception(LakesyncException.class, (e, ctx) -> ApiErrors.write(ctx, e));
        routes.exception(BadBody.class,
                (e, ctx) -> ApiErrors.write(ctx, 400, ApiErrors.INVALID_PARAMETER_VALUE, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ApiErrors.write(ctx, 500, ApiErrors.INTERNAL_ERROR, "The server failed unexpectedly: " + e
                    + ". See the server log.");
        });
        // Javalin answers a path no route matches by throwing EndpointNotFound, whose default mapper
        // writes a plain-text body before the 404 error handler runs (which then sees a result and
        // keeps it): map it here, so clients get the API's JSON error.
        routes.exception(EndpointNotFound.class, (e, ctx) -> noSuchRoute(ctx));
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                noSuchRoute(ctx);
            }
        });

        routes.get(TABLES, this::list);
        routes.post(TABLES, audited("create", this::create));
        routes.get(TABLE, ctx -> ctx.json(TableJson.of(service.get(name(ctx)))));
        routes.patch(TABLE, audited("update", this::update));
        routes.delete(TABLE, audited("delete", this::delete));
        routes.post(TABLE + "/sync", audited("sync", ctx -> answer(ctx, service.requestSync(name(ctx)), "sync")));
        routes.post(TABLE + "/full-refresh", audited("full-refresh",
                ctx -> answer(ctx, service.requestFullRefresh(name(ctx)), "full refresh")));
        routes.get(TABLE + "/runs", this::runs);
        routes.post(TABLE + "/preview", ctx -> ctx.json(preview(service.preview(name(ctx)))));
        routes.get(TABLE + "/history", ctx -> {
            TableName name = name(ctx);
            service.get(name); // 404 for an unknown table
            ctx.json(new History(history.apply(name)));
        });
        routes.get(AUDIT_LOG, this::auditLog);
        AppRoleRoutes.register(routes, appRoles); // they audit their own calls
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(metricsContentType).result(metrics.get()));
    }

    private static void noSuchRoute(Context ctx) {
        ApiErrors.write(ctx, 404, ApiErrors.RESOURCE_DOES_NOT_EXIST, "No such route: " + ctx.method() + " "
                + ctx.path() + ". The API is described at /api/openapi.json.");
    }

    private void list(Context ctx) {
        int size = PageTokens.pageSize(ctx.queryParam("page_size"), 100, 1000);
        String after = PageTokens.read(ctx.queryParam("page_token")).orElse("");
        List<TableStatus> all = service.list().stream()
                .filter(s -> s.definition().name().toString().compareTo(after) > 0).toList();
        List<TableStatus> page = all.subList(0, Math.min(size, all.size()));
        String next = all.size() > size ? PageTokens.of(page.get(page.size() - 1).definition().name().toString()) : null;
        ctx.json(new SyncedTablePage(TableJson.of(page), next));
    }

    private void create(Context ctx) {
        SyncedTable body = read(ctx, SyncedTable.class);
        if (body != null && body.name() != null) {
            ctx.attribute(TARGET, body.name());
        }
        ctx.json(TableJson.of(service.create(TableRequests.create(body))));
    }

    private void update(Context ctx) {
        TableUpdate body = read(ctx, TableUpdate.class);
        ctx.json(TableJson.of(service.update(name(ctx), current -> TableRequests.update(current, body))));
    }

    private void delete(Context ctx) {
        service.delete(name(ctx), Boolean.parseBoolean(ctx.queryParam("purge_data")));
        ctx.json(Map.of());
    }

    private void answer(Context ctx, boolean accepted, String what) {
        String name = name(ctx).toString();
        String message = accepted ? "A " + what + " of " + name + " starts within a moment; follow it with GET "
                + TABLES + "/" + name + "." : "A run of " + name + " is going already; it is not started twice. Try"
                + " again when it ends.";
        ctx.status(202).json(new SyncRequestAnswer(name, accepted, message));
    }

    private void runs(Context ctx) {
        int size = PageTokens.pageSize(ctx.queryParam("page_size"), 20, 500);
        OptionalLong before = PageTokens.readLong(ctx.queryParam("page_token"));
        io.lakesync.postgres.catalog.RunPage page = service.runs(name(ctx), size, before);
        List<Run> runs = page.runs().stream().map(ApiServer::run).toList();
        String next = page.nextBeforeRunId().isPresent() ? PageTokens.of(Long.toString(page.nextBeforeRunId().getAsLong()))
                : null;
        ctx.json(new RunPage(runs, next));
    }

    private static Run run(RunRecord r) {
        return new Run(r.runId(), r.mode().name(), r.startedAt(), r.endedAt().orElse(null), r.outcome(),
                r.fromVersion().isPresent() ? r.fromVersion().getAsLong() : null,
                r.toVersion().isPresent() ? r.toVersion().getAsLong() : null, r.rowsWritten(), r.rowsSkipped(),
                r.rowsInserted(), r.rowsUpdated(), r.rowsDeleted(), r.snapshotFallbacks(), r.errorCode().orElse(null),
                r.errorMessage().orElse(null));
    }

    private static Preview preview(PreviewResult p) {
        return new Preview(p.snapshot(), p.fromVersion(), p.toVersion(), p.rowsToInsert(), p.rowsToUpdate(),
                p.rowsToDelete(), new SampleKeys(p.sampleInsertKeys(), p.sampleUpdateKeys(), p.sampleDeleteKeys()));
    }

    private void auditLog(Context ctx) {
        int size = PageTokens.pageSize(ctx.queryParam("page_size"), 50, 1000);
        io.lakesync.postgres.catalog.AuditPage page = auditLog.page(size, PageTokens.readLong(ctx.queryParam("page_token")));
        List<AuditEntry> entries = page.entries().stream().map(e -> new AuditEntry(e.id(), e.at(), e.actor(),
                e.action(), e.target(), parse(e.requestJson()), e.remoteAddress())).toList();
        String next = page.nextBeforeId().isPresent() ? PageTokens.of(Long.toString(page.nextBeforeId().getAsLong())) : null;
        ctx.json(new AuditPage(entries, next));
    }

    private void health(Context ctx) {
        boolean up;
        try {
            up = databaseUp.get();
        } catch (RuntimeException e) {
            up = false;
        }
        ctx.status(up ? 200 : 503).json(new Health(up ? "UP" : "DOWN", up ? "UP" : "DOWN", service.tableCount()));
    }

    private static final String TARGET = "lakesync.target";

    /** Wraps a mutating handler so that the call, whatever its outcome, lands in the audit log. */
    private Handler audited(String action, Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
                audit.record(ctx, action, target(ctx), ctx.statusCode(), null);
            } catch (LakesyncException e) {
                String code = ApiErrors.apiCode(e.code());
                audit.record(ctx, action, target(ctx), ApiErrors.status(code), e.code().name());
                throw e;
            } catch (BadBody e) {
                audit.record(ctx, action, target(ctx), 400, ApiErrors.INVALID_PARAMETER_VALUE);
                throw e;
            }
        };
    }

    private static String target(Context ctx) {
        String name = ctx.pathParamMap().get("name");
        return name != null ? name : ctx.attribute(TARGET);
    }

    private static TableName name(Context ctx) {
        return TableName.parse(ctx.pathParam("name"));
    }

    private static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw new BadBody("The request has no body; send JSON (Content-Type: application/json).");
        }
        try {
            return Json.strictMapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new BadBody("The request body is not valid: " + e.getOriginalMessage() + " (at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "). See /api/openapi.json for"
                    + " the fields.");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return json == null ? null : Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(json);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiServer.class.getResourceAsStream(path)) {
            if (in == null) {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }

    /** A request body that cannot be read. */
    static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }
}
