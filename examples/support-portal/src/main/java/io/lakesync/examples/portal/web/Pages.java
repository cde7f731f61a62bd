package io.lakesync.examples.portal.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.lakesync.examples.portal.data.BadRequest;
import io.lakesync.examples.portal.data.Comment;
import io.lakesync.examples.portal.data.IncidentFilter;
import io.lakesync.examples.portal.data.IncidentPage;
import io.lakesync.examples.portal.data.Incidents;
import io.lakesync.examples.portal.data.NotFound;
import io.lakesync.examples.portal.data.Work;
import io.lakesync.examples.portal.data.WorkState;
import io.lakesync.examples.portal.live.LiveUpdates;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML pages and their htmx fragments. A page asked for by htmx with a target element
 * ({@code HX-Target}) gets just that element, so the same URL serves a first visit, a filter change
 * and a live refresh; forms work without JavaScript too (POST, then redirect).
 */
final class Pages {

    static final String ACTOR_COOKIE = "portal_user";
    static final String DEFAULT_ACTOR = "Support agent";

    private final Incidents incidents;
    private final Work work;
    private final StatsCache stats;
    private final LiveUpdates live;
    private final Templates templates;
    private final List<String> team;

    Pages(Incidents incidents, Work work, StatsCache stats, LiveUpdates live, Templates templates, List<String> team) {
        this.incidents = incidents;
        this.work = work;
        this.stats = stats;
        this.live = live;
        this.templates = templates;
        this.team = team;
    }

    void dashboard(Context ctx) throws SQLException {
        IncidentFilter filter = IncidentFilter.parse(ctx::queryParam);
        Instant now = Instant.now();
        String target = fragmentTarget(ctx);
        if ("incident-list".equals(target)) {
            IncidentPage page = incidents.list(filter, true);
            html(ctx, "partials/incident_list.jte", Map.of("page", page, "filter", filter, "now", now, "oob", true));
            return;
        }
        if ("kpis".equals(target)) {
            html(ctx, "partials/kpis.jte", Map.of("stats", stats.get()));
            return;
        }
        DashboardView view = new DashboardView(chrome(ctx, now, "dashboard"), stats.get(), incidents.list(filter, true),
                filter, now);
        html(ctx, "dashboard.jte", Map.of("view", view));
    }

    void incident(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        Instant now = Instant.now();
        String target = fragmentTarget(ctx);
        if ("comment-thread".equals(target)) {
            html(ctx, "partials/comment_thread.jte", Map.of("incidentId", id, "comments", incidents.comments(id),
                    "now", now));
            return;
        }
        Optional<Incidents.Detail> detail = incidents.find(id);
        if ("incident-live".equals(target)) {
            // a live refresh of a page whose incident the lakehouse retracted meanwhile: say so in place
            if (detail.isEmpty()) {
                html(ctx, "partials/incident_gone.jte", Map.of("incidentId", id));
            } else {
                html(ctx, "partials/incident_live.jte", Map.of("incident", detail.get().incident(), "now", now));
            }
            return;
        }
        Incidents.Detail found = detail.orElseThrow(() -> NotFound.incident(id));
        List<Comment> comments = incidents.comments(id);
        IncidentView view = new IncidentView(chrome(ctx, now, "incident"), found.incident(), found.state(), comments,
                now);
        html(ctx, "incident.jte", Map.of("view", view));
    }

    void assign(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        String owner = ctx.formParam("owner");
        workPanelAfter(ctx, id, () -> work.assign(id, owner, actor(ctx)),
                owner == null || owner.isBlank() ? "Unassigned." : "Assigned to " + owner.strip() + ".");
    }

    void setStatus(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        String status = ctx.formParam("status");
        workPanelAfter(ctx, id, () -> work.setStatus(id, status, actor(ctx)), "Status changed.");
    }

    void comment(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        String error = "";
        try {
            work.comment(id, actor(ctx), ctx.formParam("body"));
            live.workChanged(id);
        } catch (BadRequest e) {
            if (!htmx(ctx)) {
                throw e;
            }
            error = e.getMessage();
        }
        if (!htmx(ctx)) {
            ctx.redirect("/incidents/" + encode(id) + "#comments", HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("incidentId", id);
        params.put("comments", incidents.comments(id));
        params.put("actor", actor(ctx));
        params.put("now", Instant.now());
        params.put("error", error);
        html(ctx, "partials/comments.jte", params);
    }

    /** Switches who is acting (a cookie: the portal has no sign-in, it is an example). */
    void switchActor(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > Work.MAX_NAME) {
            throw new BadRequest("Give a name of 1 to " + Work.MAX_NAME + " characters to act as.");
        }
        ctx.cookie(new Cookie(ACTOR_COOKIE, encode(name), "/", 365 * 24 * 3600, false, true, null, SameSite.LAX));
        ctx.redirect(sameSitePath(ctx.header("Referer")), HttpStatus.SEE_OTHER);
    }

    void error(Context ctx, int status, String title, String message) {
        ctx.status(status);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chrome", chrome(ctx, Instant.now(), ""));
        params.put("status", status);
        params.put("title", title);
        params.put("message", message);
        html(ctx, "error.jte", params);
    }

    private interface Write {
        void run() throws SQLException;
    }

    private void workPanelAfter(Context ctx, String id, Write write, String done) throws SQLException {
        String message = done;
        String error = "";
        try {
            write.run();
            live.workChanged(id);
        } catch (BadRequest e) {
            if (!htmx(ctx)) {
                throw e;
            }
            message = "";
            error = e.getMessage();
        }
        if (!htmx(ctx)) {
            ctx.redirect("/incidents/" + encode(id), HttpStatus.SEE_OTHER);
            return;
        }
        WorkState state = incidents.find(id).map(Incidents.Detail::state).orElseThrow(() -> NotFound.incident(id));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("incidentId", id);
        params.put("state", state);
        params.put("team", team);
        params.put("now", Instant.now());
        params.put("message", message);
        params.put("error", error);
        html(ctx, "partials/work_panel.jte", params);
    }

    private Chrome chrome(Context ctx, Instant now, String section) {
        return Chrome.of(live.current(), now, actor(ctx), team, section);
    }

    static String actor(Context ctx) {
        String cookie = ctx.cookie(ACTOR_COOKIE);
        if (cookie == null || cookie.isBlank()) {
            return DEFAULT_ACTOR;
        }
        String name = URLDecoder.decode(cookie, StandardCharsets.UTF_8).strip();
        return name.isEmpty() || name.length() > Work.MAX_NAME ? DEFAULT_ACTOR : name;
    }

    /** Back to the page the form was on, never to another site. */
    static String sameSitePath(String referer) {
        try {
            URI uri = URI.create(referer == null ? "/" : referer);
            String path = uri.getRawPath() == null || !uri.getRawPath().startsWith("/") ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** The element htmx asks for, or null for a whole page (also when htmx restores its history). */
    private static String fragmentTarget(Context ctx) {
        ctx.header("Vary", "HX-Request, HX-Target");
        if (!htmx(ctx) || "true".equals(ctx.header("HX-History-Restore-Request"))) {
            return null;
        }
        return ctx.header("HX-Target");
    }

    private void html(Context ctx, String template, Map<String, Object> params) {
        ctx.html(templates.render(template, params));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
