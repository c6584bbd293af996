package dev.ghcrdashboard.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** JSON helpers for the REST, registry and control handlers. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static Response response(int status, Object body) {
        return Response.bytes(status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body));
    }

    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
