package io.lakesync.examples.portal.web;

import io.lakesync.examples.portal.data.IncidentLookup;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The JSON API's hottest route, {@code GET /api/incidents/{id}}, answered in Jetty's core API in
 * front of Javalin. Profiling the portal under load showed the framework layers (servlet request
 * and response wrappers, Javalin's context and routing) costing more CPU per lookup than the
 * lookup's own query; here a found incident costs the query and one buffer write.
 * <p>
 * Only found incidents are answered here. Anything else (an unknown id, a database error, another
 * method or path) is declined and reaches the Javalin route {@link Api#incident}, which answers it
 * like every other route does, so the API behaves the same either way.
 */
final class IncidentLookupHandler extends Handler.Abstract {

    private static final String PREFIX = "/api/incidents/";
    private static final String JSON = "application/json";

    private final IncidentLookup lookup;

    IncidentLookupHandler(IncidentLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()
                || path.indexOf('/', PREFIX.length()) >= 0) {
            return false;
        }
        Optional<byte[]> answer;
        try {
            answer = lookup.find(path.substring(PREFIX.length()));
        } catch (SQLException e) {
            return false; // the route runs the query again and reports the failure as the API does
        }
        if (answer.isEmpty()) {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(answer.get()), callback);
        return true;
    }
}
