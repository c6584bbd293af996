package dev.ghcrdashboard.simulator;

/** Thrown by REST handlers to end the request with a ready GitHub error answer. */
final class RestFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Response response;

    RestFailure(Response response) {
        super(null, null, false, false);
        this.response = response;
    }
}
