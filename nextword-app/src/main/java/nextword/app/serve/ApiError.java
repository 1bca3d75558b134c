package nextword.app.serve;

/**
 * A request the server refuses, as OpenAI reports it: an HTTP status and
 * {@code {"error": {"message", "type", "param", "code"}}}. Thrown anywhere while handling a request; the
 * server turns it into the response.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: a field has a value the server cannot use. */
    static ApiError badValue(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, "invalid_value", message);
    }

    /** 400: the request asks for something this server does not do (n > 1, tools…). */
    static ApiError unsupported(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, "unsupported_value", message);
    }

    static ApiError contextExceeded(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, "context_length_exceeded", message);
    }

    static ApiError badKey() {
        return new ApiError(401, "invalid_request_error", null, "invalid_api_key",
                "missing or wrong API key: send 'Authorization: Bearer <key>' with the key given to --api-key");
    }

    static ApiError unknownModel(String model, String served) {
        return new ApiError(404, "invalid_request_error", "model", "model_not_found",
                "the model '" + model + "' does not exist; this server serves '" + served + "'");
    }

    static ApiError notFound(String method, String path) {
        return new ApiError(404, "invalid_request_error", null, "unknown_url", "unknown route: " + method + " " + path);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", null, "request_too_large",
                "the request body is larger than this server's limit of " + limit + " bytes");
    }

    /** 503: every worker is busy and the queue is full; the client should retry later. */
    static ApiError overloaded(int queue) {
        return new ApiError(503, "server_error", null, "server_overloaded",
                "the server is busy: all " + queue + " queue places are taken; retry shortly");
    }

    /** The JSON body OpenAI's clients parse. */
    OpenAiSchema.ErrorBody body() {
        return new OpenAiSchema.ErrorBody(new OpenAiSchema.ErrorDetail(getMessage(), type, param, code));
    }
}
