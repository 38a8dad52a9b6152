package org.seq2seq.serve;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests it cannot parse (a bad request line or header, a header or URI too
 * long, a bad Content-Length or chunk), in the server's JSON error shape instead of Jetty's HTML
 * page, and without causes or stack traces. Such a request is the client's fault whatever code
 * Jetty picks: its 501 (an unknown transfer coding) and 505 (an HTTP version it does not speak)
 * are answered as 400, so that only the server's own failures and 503 are 5xx.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        String message;
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            code = http.getCode();
            if (code >= 500 && code != HttpStatus.SERVICE_UNAVAILABLE_503) {
                code = HttpStatus.BAD_REQUEST_400;                 // the request's fault, not the server's
            }
            String reason = http.getReason() == null ? HttpStatus.getMessage(http.getCode()) : http.getReason();
            message = "the request is not valid HTTP: " + (reason.length() > 200 ? reason.substring(0, 200) + "…"
                    : reason);
        } else {
            message = code >= 500 ? "the server failed; its log says why" : HttpStatus.getMessage(code);
        }
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        generateCacheControl(response);
        if (HttpStatus.hasNoBody(code) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(ApiException.body(code, null, message)), callback);
        }
        return true;
    }
}
