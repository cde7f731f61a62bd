package io.lakesync.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.lakesync.client.Json;
import io.lakesync.client.model.AppRole;
import io.lakesync.client.model.AppRoleList;
import io.lakesync.client.model.AppRoleRequest;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import io.lakesync.postgres.roles.AppRoleExistsException;
import io.lakesync.postgres.roles.AppRoleInfo;
import io.lakesync.postgres.roles.AppRoleNotFoundException;
import io.lakesync.postgres.roles.AppRoles;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/2.0/database/app_roles}: login roles for applications, read-only on the synced tables
 * they name, each owning a schema for its own tables. The operations write the audit log themselves
 * ({@link AppRoles}), with the caller's token name as the actor; errors are answered here, so these
 * routes behave the same whatever else the server registers.
 */
public final class AppRoleRoutes {

    static final String APP_ROLES = "/api/2.0/database/app_roles";
    static final String APP_ROLE = APP_ROLES + "/{name}";

    /** The routes, as method and path template, for {@link ApiServer#ROUTES}. */
    public static final List<String> ROUTES = List.of("GET " + APP_ROLES, "POST " + APP_ROLES, "DELETE " + APP_ROLE);

    /** The app roles acting for one caller, e.g. {@code sink::appRoles}. */
    @FunctionalInterface
    public interface Access {
        AppRoles as(String actor, String remoteAddress);
    }

    private AppRoleRoutes() {
    }

    /** Adds the routes; the caller's {@code before} handler has authenticated {@code /api/2.0/*} already. */
    public static void register(RoutesConfig routes, Access access) {
        routes.get(APP_ROLES, answered(ctx -> ctx.json(new AppRoleList(roles(ctx, access).list().stream()
                .map(AppRoleRoutes::listed).toList()))));
        routes.post(APP_ROLES, answered(ctx -> create(ctx, access)));
        routes.delete(APP_ROLE, answered(ctx -> {
            roles(ctx, access).dropApp(ctx.pathParam("name"),
                    Boolean.parseBoolean(ctx.queryParam("drop_state_schema")));
            ctx.json(Map.of());
        }));
    }

    private static void create(Context ctx, Access access) {
        AppRoleRequest request = read(ctx);
        if (request.name() == null || request.name().isBlank()) {
            throw new ApiServer.BadBody("The app role needs a name: {\"name\": \"support_portal\", \"read_tables\":"
                    + " [\"support.incidents\"]}.");
        }
        if (request.readTables() == null) {
            throw new ApiServer.BadBody("Name the synced tables the app may read: \"read_tables\":"
                    + " [\"SCHEMA.TABLE\", ...] (an empty list gives it only its own schema).");
        }
        List<TableName> tables = request.readTables().stream().map(TableName::parse).toList();
        io.lakesync.postgres.roles.AppRole created = roles(ctx, access).createApp(request.name(), tables,
                Optional.ofNullable(request.stateSchema()).filter(s -> !s.isBlank()));
        ctx.json(AppRole.created(created.name(), created.password(), created.stateSchema(),
                created.readable().stream().map(TableName::toString).toList()));
    }

    private static AppRole listed(AppRoleInfo info) {
        return new AppRole(info.name(), null, info.stateSchema(),
                info.readable().stream().map(TableName::toString).toList(), info.createdAt(), info.createdBy(),
                info.roleExists());
    }

    private static AppRoles roles(Context ctx, Access access) {
        String actor = ctx.attribute(ApiAuth.ACTOR);
        return access.as(actor == null ? "anonymous" : actor, ctx.ip());
    }

    private static AppRoleRequest read(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw new ApiServer.BadBody("The request has no body; send JSON (Content-Type: application/json):"
                    + " {\"name\": ..., \"read_tables\": [...], \"state_schema\": ...}.");
        }
        try {
            return Json.strictMapper().readValue(body, AppRoleRequest.class);
        } catch (JsonProcessingException e) {
            throw new ApiServer.BadBody("The request body is not valid: " + e.getOriginalMessage() + ". The fields are"
                    + " name, read_tables and state_schema; see /api/openapi.json.");
        }
    }

    /** Answers failures with the API's error body: an existing role is 409, an unknown one 404. */
    private static Handler answered(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (AppRoleExistsException e) {
                ApiErrors.write(ctx, 409, ApiErrors.RESOURCE_ALREADY_EXISTS, e.getMessage());
            } catch (AppRoleNotFoundException e) {
                ApiErrors.write(ctx, 404, ApiErrors.RESOURCE_DOES_NOT_EXIST, e.getMessage());
            } catch (LakesyncException e) {
                ApiErrors.write(ctx, e);
            } catch (ApiServer.BadBody e) {
                ApiErrors.write(ctx, 400, ApiErrors.INVALID_PARAMETER_VALUE, e.getMessage());
            }
        };
    }
}
