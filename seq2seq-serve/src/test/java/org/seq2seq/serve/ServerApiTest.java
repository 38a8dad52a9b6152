package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.search.SearchOptions;

/** Every endpoint and every refusal, through a real HTTP client against a server on an ephemeral port. */
class ServerApiTest {
    @TempDir
    static Path directory;

    static ServerFixture fixture;
    static Translator reference;
    static List<String> sources;

    @BeforeAll
    static void start() throws IOException {
        fixture = new ServerFixture(directory, ServeLimits.builder().maxSentences(8).maxCharacters(200).maxBeam(8)
                .maxLength(50).queueSentences(64).maxBodyBytes(4096).build(), null);
        reference = Translator.load(fixture.modelDirectory);
        sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        reference.close();
    }

    /** The reference's translations of one sentence alone, as the server should give them. */
    private static List<Translation> alone(String sentence, int beam, int nBest) {
        return reference.translateNBest(List.of(sentence), SearchOptions.builder().beamSize(beam).nBest(nBest).build())
                .get(0);
    }

    private static void assertSame(Translation expected, JsonNode actual) {
        assertEquals(expected.text(), actual.get("translation").asText());
        assertEquals(expected.score(), actual.get("score").asDouble(), 1e-4);
        assertEquals(expected.logProbability(), actual.get("log_probability").asDouble(), 1e-4);
    }

    @Test
    void translatesManySentencesInTheirOrderAsTheTranslatorDoesEachAlone() throws Exception {
        List<String> batch = sources.subList(0, 6);
        HttpResponse<String> response = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", batch, "request_id", "r-17")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = ServerFixture.json(response);
        assertEquals("r-17", body.get("request_id").asText());
        assertEquals("tiny", body.get("model").asText());
        assertEquals(6, body.get("translations").size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode t = body.get("translations").get(i);
            assertEquals(batch.get(i), t.get("source").asText());
            assertSame(alone(batch.get(i), 5, 1).get(0), t);
            assertTrue(t.get("finished").asBoolean());
        }
        assertEquals(TinyModel.validationPairs().get(0)[1], body.get("translations").get(0).get("translation").asText());
        JsonNode timing = body.get("timing");
        assertTrue(timing.get("batch_sentences").asInt() >= 6, timing.toString());
        assertTrue(timing.get("total_ms").asDouble() >= timing.get("translate_ms").asDouble());
    }

    @Test
    void givesTheNBestAndTheAttentionOfTheBest() throws Exception {
        String sentence = sources.get(3);
        HttpResponse<String> response = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", List.of(sentence), "beam", 4, "n_best", 3, "max_length", 20, "attention", true)));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode t = ServerFixture.json(response).get("translations").get(0);
        List<Translation> expected = reference.translateNBest(List.of(sentence),
                SearchOptions.builder().beamSize(4).nBest(3).maxLength(0, 20).build()).get(0);
        assertEquals(3, t.get("n_best").size());
        for (int k = 0; k < 3; k++) {
            assertSame(expected.get(k), t.get("n_best").get(k));
        }
        assertSame(expected.get(0), t);
        JsonNode attention = t.get("attention");
        int sourceTokens = attention.get("source_tokens").size();
        int targetTokens = attention.get("target_tokens").size();
        assertEquals(expected.get(0).tokens().size() + 1, targetTokens);       // and </s>
        assertEquals("</s>", attention.get("target_tokens").get(targetTokens - 1).asText());
        assertEquals(targetTokens, attention.get("weights").size());
        for (JsonNode row : attention.get("weights")) {
            assertEquals(sourceTokens, row.size());
            double sum = 0;
            for (JsonNode w : row) {
                sum += w.asDouble();
            }
            assertEquals(1, sum, 1e-4);
        }
        double[][] weights = reference.attention(sentence, expected.get(0)).weights();
        assertEquals(weights[0][0], attention.get("weights").get(0).get(0).asDouble(), 1e-5);
    }

    @Test
    void greedySearchAndAMaxLengthThatCutsTheOutput() throws Exception {
        String sentence = sources.get(1);
        JsonNode greedy = ServerFixture.json(fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", List.of(sentence), "beam", 1)))).get("translations").get(0);
        assertSame(alone(sentence, 1, 1).get(0), greedy);
        JsonNode cut = ServerFixture.json(fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", List.of(sentence), "max_length", 2)))).get("translations").get(0);
        assertFalse(cut.get("finished").asBoolean());
        assertEquals(2, cut.get("translation").asText().split(" ").length, cut.toString());
    }

    @Test
    void repeatedNgramBlockingAsTheTranslatorDoesIt() throws Exception {
        for (String sentence : sources.subList(0, 4)) {
            JsonNode blocked = ServerFixture.json(fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                    Map.of("sentences", List.of(sentence), "no_repeat_ngram", 1)))).get("translations").get(0);
            Translation expected = reference.translateNBest(List.of(sentence),
                    SearchOptions.builder().noRepeatNgram(1).build()).get(0).get(0);
            assertSame(expected, blocked);
            List<String> words = List.of(blocked.get("translation").asText().split(" "));
            assertEquals(words.size(), new java.util.HashSet<>(words).size(), "no word twice: " + words);
        }
    }

    @Test
    void constraintsPutTheirPhrasesIntoTheTranslationsAsTheTranslatorDoes() throws Exception {
        List<String> batch = List.of(sources.get(0), sources.get(1), sources.get(2));
        List<List<String>> phrases = List.of(List.of("cat"), List.of(), List.of("the snow", "jumps"));
        HttpResponse<String> response = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", batch, "constraints", phrases)));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode translations = ServerFixture.json(response).get("translations");
        List<List<Translation>> expected = reference.translateNBest(batch, phrases, SearchOptions.builder().build());
        for (int i = 0; i < batch.size(); i++) {
            assertSame(expected.get(i).get(0), translations.get(i));
            for (String phrase : phrases.get(i)) {
                assertTrue(translations.get(i).get("translation").asText().contains(phrase),
                        translations.get(i).toString());
            }
        }
        assertFalse(translations.get(0).get("translation").asText().equals(alone(batch.get(0), 5, 1).get(0).text()),
                "the constraint changed the first translation");
        assertSame(alone(batch.get(1), 5, 1).get(0), translations.get(1));

        HttpResponse<String> unknown = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", batch.subList(0, 2), "constraints", List.of(List.of(), List.of("the zebra")))));
        assertEquals(400, unknown.statusCode());
        assertEquals("constraints[1]", ServerFixture.json(unknown).get("field").asText(), unknown.body());
        assertTrue(unknown.body().contains("the constraint 'the zebra' holds 'zebra', which is not in the model's "
                + "target vocabulary"), unknown.body());
        HttpResponse<String> count = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", batch, "constraints", List.of(List.of("cat")))));
        assertEquals(400, count.statusCode());
        assertTrue(count.body().contains("a list of target phrases for each of the 3 sentences"), count.body());
        HttpResponse<String> greedy = fixture.post("/v1/translate", ServerFixture.JSON.writeValueAsString(
                Map.of("sentences", batch.subList(0, 1), "constraints", List.of(List.of("cat")), "beam", 1)));
        assertEquals(400, greedy.statusCode());
        assertEquals("beam", ServerFixture.json(greedy).get("field").asText());
        HttpResponse<String> notText = fixture.post("/v1/translate",
                "{\"sentences\": [\"Ein Hund.\"], \"constraints\": [[7]]}");
        assertEquals(400, notText.statusCode());
        assertEquals("constraints[0][0]", ServerFixture.json(notText).get("field").asText());
    }

    @Test
    void answersOpenNmtPysShape() throws Exception {
        HttpResponse<String> response = fixture.post("/translator/translate",
                "[{\"src\": \"" + sources.get(0) + "\", \"id\": 0}, {\"src\": \"" + sources.get(2) + "\", \"id\": 0}]");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = ServerFixture.json(response);
        assertEquals(1, body.size());
        assertEquals(2, body.get(0).size());
        JsonNode second = body.get(0).get(1);
        Translation expected = alone(sources.get(2), 5, 1).get(0);
        assertEquals(sources.get(2), second.get("src").asText());
        assertEquals(expected.text(), second.get("tgt").asText());
        assertEquals(1, second.get("n_best").asInt());
        assertEquals(expected.logProbability(), second.get("pred_score").asDouble(), 1e-4);

        HttpResponse<String> unknown = fixture.post("/translator/translate", "[{\"src\": \"Ein Hund.\", \"id\": 100}]");
        assertError(unknown, 404, "[0].id");
        assertError(fixture.post("/translator/translate", "{\"src\": \"Ein Hund.\"}"), 400, "body");
        assertError(fixture.post("/translator/translate", "[{\"text\": \"Ein Hund.\"}]"), 400, "[0].src");
    }

    @Test
    void listsTheModelsAndIsHealthy() throws Exception {
        HttpResponse<String> models = fixture.get("/v1/models");
        assertEquals(200, models.statusCode());
        JsonNode m = ServerFixture.json(models).get("models").get(0);
        assertEquals("tiny", m.get("name").asText());
        assertEquals("de", m.get("source_language").asText());
        assertEquals("en", m.get("target_language").asText());
        assertEquals(reference.parameterCount(), m.get("parameters").asLong());
        assertEquals("words", m.get("tokens").asText());
        assertEquals(29, m.get("source_vocabulary").asInt());
        assertEquals("dot", m.get("attention").asText());
        assertEquals(8, m.get("options").get("max_beam").asInt());

        HttpResponse<String> health = fixture.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("ready", ServerFixture.json(health).get("status").asText());
    }

    @Test
    void countsRequestsByStatusForPrometheus() throws Exception {
        fixture.post("/v1/translate", ServerFixture.sentences(List.of(sources.get(0))));
        fixture.post("/v1/translate", "{");
        HttpResponse<String> metrics = fixture.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text.contains("seq2seq_http_requests_total{endpoint=\"/v1/translate\",status=\"200\"}"), text);
        assertTrue(text.contains("seq2seq_http_requests_total{endpoint=\"/v1/translate\",status=\"400\"}"), text);
        for (String jvm : List.of("jvm_memory_pool_collection_used_bytes{", "jvm_threads_current ", "process_open_fds ",
                "process_resident_memory_bytes ")) {
            assertTrue(text.contains(jvm), jvm + " in " + text);           // what a soak watches
        }
        assertTrue(text.contains("seq2seq_http_request_duration_seconds_bucket{endpoint=\"/v1/translate\","), text);
        assertTrue(text.contains("seq2seq_batch_sentences_count{model=\"tiny\"}"), text);
        assertTrue(text.contains("seq2seq_queue_sentences{model=\"tiny\"} 0"), text);
        assertTrue(text.contains("seq2seq_sentences_per_second"), text);
        assertTrue(text.contains("seq2seq_sentences_translated_total{model=\"tiny\"}"), text);
    }

    @Test
    void servesThePageAndTheOpenApiDescription() throws Exception {
        HttpResponse<String> page = fixture.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"app.js\"></script>"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no outside resources");
        assertEquals(200, fixture.get("/app.js").statusCode());
        HttpResponse<String> openApi = fixture.get("/openapi.yaml");
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().startsWith("openapi: 3"));
    }

    static void assertError(HttpResponse<String> response, int status, String field) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = ServerFixture.json(response);
        assertEquals("error", body.get("status").asText());
        assertEquals(status, body.get("code").asInt());
        if (field == null) {
            assertFalse(body.has("field"), body.toString());
        } else {
            assertEquals(field, body.get("field").asText(), body.toString());
        }
        assertFalse(body.get("error").asText().isBlank());
    }

    @Test
    void refusesBadInputNamingTheField() throws Exception {
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund\""), 400, "body");
        assertError(fixture.post("/v1/translate", ""), 400, "body");
        assertError(fixture.post("/v1/translate", "[\"Ein Hund.\"]"), 400, "body");
        assertError(fixture.post("/v1/translate", "{}"), 400, "sentences");
        assertError(fixture.post("/v1/translate", "{\"sentences\": \"Ein Hund.\"}"), 400, "sentences");
        assertError(fixture.post("/v1/translate", "{\"sentences\": []}"), 400, "sentences");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\", 3]}"), 400, "sentences[1]");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"nbest\": 2}"), 400, "nbest");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"beam\": 9}"), 400, "beam");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"beam\": 2.5}"), 400, "beam");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"n_best\": 0}"), 400, "n_best");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"max_length\": 51}"), 400,
                "max_length");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"no_repeat_ngram\": -1}"), 400,
                "no_repeat_ngram");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"attention\": \"yes\"}"), 400,
                "attention");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein Hund.\"], \"model\": \"fr-en\"}"), 404,
                "model");
        assertError(fixture.post("/v1/translate", ServerFixture.sentences(List.of("a", "b", "c", "d", "e", "f", "g",
                "h", "i"))), 413, "sentences");
        assertError(fixture.post("/v1/translate", ServerFixture.sentences(List.of("Ein Hund.", "x".repeat(201)))),
                413, "sentences[1]");
        assertError(fixture.post("/v1/translate", ServerFixture.sentences(List.of("y".repeat(5000)))), 413, "body");
    }

    /** What the fuzzer found answered 200 or as text, answered as JSON errors naming the field. */
    @Test
    void refusesAmbiguousOrNonUnicodeInputAndAnswersUnknownPathsAndMethodsInJson() throws Exception {
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"a\"], \"sentences\": [\"b\"]}"), 400, "body");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein \\ud800 Hund\"]}"), 400, "sentences[0]");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"a\"], \"request_id\": \"\\udc00\"}"), 400,
                "request_id");
        assertError(fixture.post("/v1/translate", "{\"sentences\": [\"Ein\\u001bHund\"]}"), 400, "sentences[0]");
        assertError(fixture.post("/translator/translate", "[{\"src\": \"a\\u0000\"}]"), 400, "[0].src");
        HttpResponse<String> overlong = fixture.client.send(HttpRequest.newBuilder(fixture.uri("/v1/translate"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 's', 'e', 'n', 't', 'e', 'n', 'c',
                    'e', 's', '"', ':', '[', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', ']', '}'})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(overlong, 400, "body");                      // an overlong '/': Jackson alone would take it
        assertTrue(ServerFixture.json(overlong).get("error").asText().contains("byte 16"), overlong.body());
        assertEquals(200, fixture.post("/v1/translate", "{\"sentences\": [\"a\\tb\"]}").statusCode(), "a tab is text");
        assertEquals(200, fixture.post("/v1/translate", "\uFEFF{\"sentences\": [\"a\"]}").statusCode(),
                "a byte order mark is passed over");

        assertError(fixture.get("/v2/translate"), 404, null);
        assertError(fixture.get("/v1/translate"), 405, null);
        assertError(fixture.client.send(HttpRequest.newBuilder(fixture.uri("/health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 405, null);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnSentencesTranslation() throws Exception {
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String sentence = sources.get(c % sources.size());
                answers.add(pool.submit(() -> {
                    go.await();
                    return fixture.post("/v1/translate", ServerFixture.sentences(List.of(sentence)));
                }));
            }
            go.countDown();
            for (int c = 0; c < clients; c++) {
                HttpResponse<String> response = answers.get(c).get();
                assertEquals(200, response.statusCode(), response.body());
                JsonNode t = ServerFixture.json(response).get("translations").get(0);
                String sentence = sources.get(c % sources.size());
                assertEquals(sentence, t.get("source").asText());
                assertSame(alone(sentence, 5, 1).get(0), t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndEveryOtherRequestIsAnswered(@TempDir Path other) throws Exception {
        // a queue of one request of 4 sentences: while the model works on one, a second waits, the rest are refused
        ServeLimits limits = ServeLimits.builder().maxSentences(4).queueSentences(4).batchWait(Duration.ZERO)
                .maxBeam(16).build();
        try (ServerFixture small = new ServerFixture(other, limits, null)) {
            int clients = 24;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch go = new CountDownLatch(1);
            String body = ServerFixture.JSON.writeValueAsString(Map.of("sentences", sources.subList(0, 4), "beam", 16));
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return small.post("/v1/translate", body);
                    }));
                }
                go.countDown();
                int ok = 0;
                int refused = 0;
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    if (response.statusCode() == 200) {
                        ok++;
                        assertEquals(4, ServerFixture.json(response).get("translations").size());
                    } else {
                        assertError(response, 503, null);
                        assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
                        refused++;
                    }
                }
                assertEquals(clients, ok + refused);
                assertTrue(ok >= 1 && refused >= 1, ok + " answered, " + refused + " refused");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRequestNotAnsweredInTimeGets504(@TempDir Path other) throws Exception {
        ServeLimits limits = ServeLimits.builder().requestTimeout(Duration.ofMillis(1))
                .batchWait(Duration.ofMillis(50)).build();
        try (ServerFixture slow = new ServerFixture(other, limits, null)) {
            assertError(slow.post("/v1/translate", ServerFixture.sentences(List.of(sources.get(0)))), 504, null);
            // the server goes on answering
            assertEquals(200, slow.get("/health").statusCode());
        }
    }

    @Test
    void anApiKeyGuardsTranslationButNotHealth(@TempDir Path other) throws Exception {
        try (ServerFixture keyed = new ServerFixture(other, ServeLimits.defaults(), ApiKey.of("s3cret-key-0123456789"))) {
            String body = ServerFixture.sentences(List.of(sources.get(0)));
            HttpResponse<String> none = keyed.post("/v1/translate", body);
            assertError(none, 401, "Authorization");
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertError(keyed.post("/v1/translate", body, "Authorization", "Bearer s3cret-key-012345678"), 401,
                    "Authorization");
            assertError(keyed.get("/v1/models"), 401, "Authorization");
            assertEquals(200, keyed.post("/v1/translate", body, "Authorization", "Bearer s3cret-key-0123456789")
                    .statusCode());
            assertEquals(200, keyed.post("/v1/translate", body, "X-API-Key", "s3cret-key-0123456789").statusCode());
            assertEquals(200, keyed.get("/health").statusCode());
        }
    }

    @Test
    void healthIsNotReadyUntilTheModelsAreLoaded() throws Exception {
        try (TranslationServer loading = TranslationServer.start(new TranslationServer.Settings("127.0.0.1", 0,
                ServeLimits.defaults(), null))) {
            ServerFixture client = fixture;
            HttpResponse<String> health = client.client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + loading.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
            assertEquals("loading", ServerFixture.json(health).get("status").asText());
            HttpResponse<String> early = client.client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + loading.port() + "/v1/translate"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sentences\": [\"Ein Hund.\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(early, 503, null);
            assertNotNull(early.headers().firstValue("Retry-After").orElse(null));
            assertThrows(IllegalStateException.class, loading::ready);
        }
    }
}
