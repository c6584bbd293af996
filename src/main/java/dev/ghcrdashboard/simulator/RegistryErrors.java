package dev.ghcrdashboard.simulator;

import java.util.List;
import java.util.regex.Pattern;

/** The OCI distribution error body ({@code {"errors":[{"code","message","detail"}]}}) and the syntax of references. */
final class RegistryErrors {

    /** The only digest algorithm the simulator (like most registries) accepts. */
    static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** A tag, as the OCI distribution spec defines it. */
    static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private RegistryErrors() {
    }

    static Response errors(int status, String code, String message) {
        return errors(status, code, message, null);
    }

    static Response errors(int status, String code, String message, Object detail) {
        return Json.response(status, Json.obj("errors", List.of(Json.obj("code", code, "message", message, "detail", detail))));
    }

    static Response unsupported() {
        return errors(405, "UNSUPPORTED", "The operation is unsupported.");
    }

    static Response nameUnknown() {
        return errors(404, "NAME_UNKNOWN", "repository name not known to registry");
    }

    static HttpFailure digestInvalid(String message, String digest) {
        return new HttpFailure(errors(400, "DIGEST_INVALID", message, digest));
    }
}
