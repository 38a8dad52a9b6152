package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;

/**
 * {@link ServerFuzzer} against a server with the tiny model: 1,500 hostile requests by default,
 * {@code -Dfuzz.requests=N} for more; {@code -Dfuzz.url=http://HOST:PORT/} fuzzes a server
 * already running instead (for {@code serve} with a real model; its idle timeout decides how
 * long the stalled bodies take).
 */
@Tag("slow")
class ServerFuzzTest {
    @TempDir
    Path dir;

    @Test
    void hostileRequestsGetJsonErrorsAndTheServerStillTranslates() throws Exception {
        int requests = Integer.getInteger("fuzz.requests", 1_500);
        String url = System.getProperty("fuzz.url");
        ServerFixture fixture = null;
        URI target;
        if (url == null) {
            fixture = new ServerFixture(dir, ServeLimits.builder().idleTimeout(Duration.ofSeconds(2)).build(), null);
            target = fixture.uri("/");
        } else {
            target = URI.create(url);
        }
        try {
            ServerFuzzer.Report report = new ServerFuzzer(target.getHost(), target.getPort(),
                    Long.getLong("fuzz.seed", 1), 60_000).run(requests, 16, 64);
            System.out.println(report.summary());
            assertEquals(0, report.problems().size(), report.summary());
            assertEquals(0, report.byStatus().getOrDefault(500, 0), report.summary());
            assertEquals(200, report.validStatus(), report.summary());
            JsonNode valid = ServerFixture.JSON.readTree(report.validBody());
            if (fixture != null) {
                try (Translator translator = Translator.load(fixture.modelDirectory, TranslatorOptions.defaults())) {
                    assertEquals(translator.translate("Ein Hund läuft."),
                            valid.get("translations").get(0).get("translation").asText());
                }
                assertEquals(200, fixture.get("/health").statusCode());
            } else {
                assertTrue(valid.get("translations").get(0).get("translation").isTextual(), report.validBody());
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }
}
