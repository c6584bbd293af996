package dev.ghcrdashboard.simulator;

/** Thrown by REST and registry handlers to end the request with a ready error answer. */
final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Response response;

    HttpFailure(Response response) {
        super(null, null, false, false);
        this.response = response;
    }
}
