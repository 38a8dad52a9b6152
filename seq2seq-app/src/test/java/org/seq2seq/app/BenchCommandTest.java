package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The benchmark runs and reports what it says; its figures are for the benchmark runs, not for tests. */
class BenchCommandTest {

    @Test
    void reportsTrainingAndDecodingAsJson() throws IOException {
        CliRun run = CliRun.of("bench", "--settings", "b", "--warmup", "1", "--steps", "2", "--sentences", "4",
                "--src-len", "3", "--beam", "2", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        JsonNode b = result.get("training").get(0);
        assertEquals("b", b.get("setting").get("name").asText());
        assertEquals(2, b.get("steps").asInt());
        // setting (b): 32 sentences of 12 target tokens + END per step, no padding
        assertEquals(32 * 13, b.get("targetTokensPerSecond").asDouble() * b.get("secondsPerStep").asDouble(), 1e-6);
        assertTrue(Double.isFinite(b.get("finalLoss").asDouble()) && b.get("finalLoss").asDouble() > 0);
        // embeddings, LSTM (one bias), bridge tanh(Wc·c + bc), GRU (two biases, as PyTorch) and output layer
        long expected = 1000 * 64 + 4L * (64 * 128 + 128 * 128 + 128) + (128 * 128 + 128) + 1000 * 64
                + 3L * (64 * 128 + 128 * 128 + 2 * 128) + (128 * 1000 + 1000);
        assertEquals(expected, b.get("parameters").asLong());
        assertEquals(2, result.get("decoding").size());
        assertEquals("greedy", result.get("decoding").get(0).get("search").asText());
        assertEquals(16.0, result.get("decoding").get(0).get("meanOutputLength").asDouble(), 1e-9,
                "a random model runs to 2 × 3 + 10 tokens");
        assertTrue(result.get("peakResidentMegabytes").asDouble() > 0);
    }

    @Test
    void anUnknownSettingIsAUsageError() {
        CliRun run = CliRun.of("bench", "--settings", "c");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode());
        assertEquals("error: unknown setting 'c': a or b", run.err().strip());
    }
}
