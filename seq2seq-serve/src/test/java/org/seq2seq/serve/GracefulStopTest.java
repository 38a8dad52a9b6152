package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

class GracefulStopTest {
    @Test
    void stopAnswersEveryRequestInFlightThenRefusesConnections(@TempDir Path directory) throws Exception {
        // requests wait up to 300 ms for company, so they are still in flight when stop() begins
        ServeLimits limits = ServeLimits.builder().batchWait(Duration.ofMillis(300)).batchIdle(Duration.ofMillis(300))
                .build();
        ServerFixture fixture = new ServerFixture(directory, limits, null);
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String body = ServerFixture.sentences(List.of(sources.get(c)));
                answers.add(pool.submit(() -> fixture.post("/v1/translate", body)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fixture.server.inFlight() < clients && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(clients, fixture.server.inFlight(), "the requests are in flight");
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(fixture.server::stop);
            for (int c = 0; c < clients; c++) {
                HttpResponse<String> response = answers.get(c).get();
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(sources.get(c),
                        ServerFixture.json(response).get("translations").get(0).get("source").asText());
            }
            assertTrue(stopped.get(), "every request in flight was answered within the grace time");
            assertEquals(0, fixture.server.inFlight());
            assertThrows(ConnectException.class, () -> fixture.get("/health"));
        } finally {
            pool.shutdownNow();
            fixture.close();
        }
    }
}
