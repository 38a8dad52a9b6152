package org.seq2seq.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.seq2seq.core.toy.TinyModel;

/** A server on an ephemeral port with the tiny test model, and a real HTTP client to call it. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TranslationServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Path modelDirectory;
    final int port;

    ServerFixture(Path directory, ServeLimits limits, ApiKey key) throws IOException {
        modelDirectory = TinyModel.copyTo(directory.resolve("tiny"));
        server = TranslationServer.start(new TranslationServer.Settings("127.0.0.1", 0, limits, key));
        server.add(ServedModel.load(modelDirectory.toString(), limits.batchSentences()));
        server.ready();
        port = server.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String sentences(List<String> sentences) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("sentences", sentences));
    }

    @Override
    public void close() {
        server.stop();
    }
}
