package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.databind.JsonNode;

/**
 * The {@link SimulatorControl} operations over HTTP, for the standalone simulator:
 * {@code POST /_simulator/visibility|delete-version|push-tag|latency|faults|reset-counts},
 * {@code DELETE /_simulator/faults}, {@code GET /_simulator/counts|versions|tags|complete}.
 */
record ControlApi(Controls control) {

    Response handle(Request request) {
        String action = request.segments.size() == 2 ? request.segments.get(1) : "";
        try {
            JsonNode body = request.body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(request.body);
            Map<String, String> q = request.query;
            switch (request.method + " " + action) {
                case "POST visibility":
                    control.setVisibility(text(body, "owner"), text(body, "package"), text(body, "visibility"));
                    return Response.empty(204);
                case "POST org-role":
                    control.setOrgRole(text(body, "org"), text(body, "login"), body.hasNonNull("role") ? text(body, "role") : null);
                    return Response.empty(204);
                case "POST delete-version":
                    control.deleteVersionAsSomeoneElse(text(body, "owner"), text(body, "package"), body.get("id").asLong());
                    return Response.empty(204);
                case "POST push-tag":
                    return Json.response(200, Json.obj("digest", control.pushTag(text(body, "owner"), text(body, "package"), text(body, "tag"))));
                case "POST latency":
                    control.setLatency(Duration.ofMillis(body.get("ms").asLong()));
                    return Response.empty(204);
                case "POST faults":
                    control.addFault(new FaultRule(body.hasNonNull("method") ? body.get("method").asString() : null, text(body, "path"),
                            body.path("after").asInt(0), body.path("times").asInt(0), body.path("status").asInt(0),
                            body.path("retryAfter").asInt(0), body.path("secondaryLimit").asBoolean(false),
                            Duration.ofMillis(body.path("delayMs").asLong(0))));
                    return Response.empty(204);
                case "DELETE faults":
                    control.clearFaults();
                    return Response.empty(204);
                case "GET counts":
                    return Json.response(200, control.counts());
                case "POST reset-counts":
                    control.resetCounts();
                    return Response.empty(204);
                case "GET versions":
                    return Json.response(200, control.versions(q.get("owner"), q.get("package"), "deleted".equals(q.get("state"))));
                case "GET tags":
                    return Json.response(200, Json.obj("digest", control.resolveTag(q.get("owner"), q.get("package"), q.get("tag")).orElse(null)));
                case "GET complete":
                    return Json.response(200, Json.obj("complete", control.isComplete(q.get("owner"), q.get("package"), q.get("digest"))));
                default:
                    return Json.response(404, Json.obj("message", "unknown control operation"));
            }
        } catch (NoSuchElementException e) {
            return Json.response(404, Json.obj("message", e.getMessage()));
        } catch (RuntimeException e) {
            return Json.response(400, Json.obj("message", String.valueOf(e.getMessage())));
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asString();
    }
}
