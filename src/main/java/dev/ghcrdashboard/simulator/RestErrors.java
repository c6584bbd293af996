package dev.ghcrdashboard.simulator;

/** GitHub's REST error answers: the basic-error object ({@code message}, {@code documentation_url}, {@code status}). */
final class RestErrors {

    static final String DOCS = "https://docs.github.com/rest";
    static final String PACKAGES_DOCS = "https://docs.github.com/rest/packages/packages";

    private RestErrors() {
    }

    static Response error(int status, String message) {
        return error(status, message, DOCS);
    }

    static Response error(int status, String message, String documentation) {
        return Json.response(status, Json.obj("message", message, "documentation_url", documentation, "status",
                Integer.toString(status)));
    }

    static Response notFound() {
        return error(404, "Not Found");
    }

    static Response packageNotFound() {
        return error(404, "Package not found.", PACKAGES_DOCS);
    }

    static Response rateLimited(long userId) {
        return error(403, "API rate limit exceeded for user ID " + userId
                + ". If you reach out to GitHub Support for help, please include the request ID.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
    }

    /** The secondary-limit answer is a JSON object even where the endpoint normally answers an array. */
    static Response secondaryLimit() {
        return Json.response(403, Json.obj(
                "message", "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                        + "If you reach out to GitHub Support for help, please include the request ID.",
                "documentation_url",
                "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"));
    }
}
