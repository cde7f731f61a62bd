package io.lakesync.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakesync.client.model.AppRole;
import io.lakesync.client.model.AppRoleList;
import io.lakesync.client.model.AppRoleRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The app roles part of the REST API ({@code /api/2.0/database/app_roles}): login roles for
 * applications that read synced tables (read-only) and own a schema for their own tables.
 * Thread-safe. Fails like {@link LakesyncClient}: {@link AlreadyExistsException} (the role exists),
 * {@link NotFoundException} (no app role of that name), {@link InvalidRequestException},
 * {@link UnauthenticatedException}, {@link ServerUnreachableException}.
 *
 * <pre>{@code
 * AppRole portal = new AppRolesClient("http://localhost:8080", token)
 *         .create(new AppRoleRequest("support_portal", List.of("support.incidents"), null));
 * // portal.password() is shown this once
 * }</pre>
 */
public final class AppRolesClient {

    public static final String APP_ROLES = "/api/2.0/database/app_roles";

    private final LakesyncClient settings;
    private final String token;
    private final HttpClient http;

    /**
     * @param baseUrl the server, like http://localhost:8080
     * @param token the API token; null sends none
     */
    public AppRolesClient(String baseUrl, String token) {
        this.settings = LakesyncClient.builder().baseUrl(baseUrl).token(token).build(); // checks the URL
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(LakesyncClient.DEFAULT_TIMEOUT).build();
    }

    /** Creates the role; the answer holds its password, which the server does not keep. */
    public AppRole create(AppRoleRequest request) {
        return call("POST", APP_ROLES, request, AppRole.class);
    }

    /** The app roles lakesync created (without passwords), by name. */
    public List<AppRole> list() {
        AppRoleList list = call("GET", APP_ROLES, null, AppRoleList.class);
        return list.appRoles() == null ? List.of() : list.appRoles();
    }

    /** Drops the role; its state schema stays (owned by lakesync's user) unless {@code dropStateSchema}. */
    public void drop(String name, boolean dropStateSchema) {
        call("DELETE", APP_ROLES + "/" + LakesyncClient.encodeSegment(name)
                + (dropStateSchema ? "?drop_state_schema=true" : ""), null, Void.class);
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        String url = settings.baseUrl() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(LakesyncClient.DEFAULT_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        boolean hasToken = token != null && !token.isBlank();
        if (hasToken) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerUnreachableException(settings.baseUrl(), e);
        } catch (HttpTimeoutException e) {
            throw new LakesyncClientException("The lakesync server at " + settings.baseUrl() + " did not answer "
                    + method + " " + path + " within " + LakesyncClient.DEFAULT_TIMEOUT.toSeconds() + " s; try again.", e);
        } catch (IOException e) {
            throw new LakesyncClientException("Lost the connection to the lakesync server at " + settings.baseUrl()
                    + " during " + method + " " + path + ": " + e + ". Check that the server is running, then try"
                    + " again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakesyncClientException("Interrupted while waiting for " + method + " " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw ErrorAnswers.toException(response.statusCode(), response.body(), method + " " + url, hasToken);
        }
        if (type == Void.class) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new LakesyncClientException("The server at " + settings.baseUrl() + " answered " + method + " "
                    + path + " with a body that is not a " + type.getSimpleName() + " (" + e.getOriginalMessage()
                    + "). Check that --server points at a lakesync server of a compatible version.", e);
        }
    }
}
