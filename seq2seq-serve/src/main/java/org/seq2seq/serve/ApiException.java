package org.seq2seq.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, answered as JSON: the HTTP status, the request field at fault
 * ({@code null} when none is) and a message a person can act on.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final Integer retryAfterSeconds;

    ApiException(int status, String field, String message) {
        this(status, field, message, null);
    }

    ApiException(int status, String field, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    static ApiException tooLarge(String field, String message) {
        return new ApiException(413, field, message);
    }

    int status() {
        return status;
    }

    /** The field at fault, for example {@code sentences[2]}; null when no one field is. */
    String field() {
        return field;
    }

    /** Seconds for the {@code Retry-After} header; null for none. */
    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer's body: {@code {"status":"error","code":N,["field":F,]"error":MESSAGE}}. */
    byte[] body() {
        return body(status, field, getMessage());
    }

    /**
     * The JSON error shape every refusal of the server has, whoever refuses: the endpoints,
     * Javalin's routing (404, 405) or Jetty's parsing of the request (400, 413, 414, 431).
     */
    static byte[] body(int status, String field, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error");
        body.put("code", status);
        if (field != null) {
            body.put("field", field);
        }
        body.put("error", message);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
