package org.videoshop.cli.serve;

/** A request that cannot be served: answered with {@code status} and a JSON body {@code {"error": message}}. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Expected an HTTP error status in [400, 599] but found " + status);
        }
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, message);
    }

    static HttpError tooMany(String message) {
        return new HttpError(429, message);
    }
}
