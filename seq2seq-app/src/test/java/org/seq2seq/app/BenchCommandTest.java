package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs and reports what it says; its figures are for the benchmark runs, not for tests. */
class BenchCommandTest {

    @Test
    void reportsTrainingAndDecodingAsJson() throws IOException {
        CliRun run = CliRun.of("bench", "--settings", "b", "--warmup", "1", "--steps", "2", "--sentences", "4",
                "--src-len", "3", "--beam", "2", "--json", "--no-peer");
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
        assertEquals("--no-peer", result.get("peerNotRun").asText());
    }

    @Test
    void withoutStepsEachSettingTimesItsOwnNumber() throws IOException {
        CliRun run = CliRun.of("bench", "--settings", "b", "--warmup", "0", "--sentences", "0", "--no-peer");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("training (our warm-up + timed steps: b 0 + 200; Adam, clipping 1.0)"), run.out());
    }

    /**
     * A stand-in for the peer's Python: answers {@code -c "import torch"} and prints what the
     * peer's two modes print (its lines, with made-up figures), so that reading them back and
     * the side-by-side ratios are checked without PyTorch.
     */
    private static Path fakePeerPython(Path dir) throws IOException {
        Path python = dir.resolve("python3");
        Files.writeString(python, String.join("\n",
                "#!/bin/sh",
                "if [ \"$1\" = -c ]; then exit 0; fi",
                "echo 'torch 1.13.0a0 threads=1'",
                "case \"$*\" in",
                "  *train-bench*) echo 'train-bench params=446824 steps=2 batch=32 src_len=10 tgt_len=12 threads=1';",
                "    echo 'target_tokens_per_sec=8320.0  (labels y1..yn+END, 416/step)'; echo 'sec_per_step=0.0500';",
                "    echo 'final_loss=6.9000'; echo 'peak_rss_mb=600.0' ;;",
                "  *decode-bench*) echo 'decode-bench sentences=4 src_len=3 max_len=16 decode_batch=50 threads=1';",
                "    echo 'beam2: sentences_per_sec=50.00 output_tokens_per_sec=800.0 mean_out_len=16.0 seconds=0.08';",
                "    echo 'greedy: sentences_per_sec=100.00 output_tokens_per_sec=1600.0 mean_out_len=16.0 seconds=0.04';",
                "    echo 'peak_rss_mb=650.0' ;;",
                "esac", ""));
        python.toFile().setExecutable(true);
        Files.writeString(dir.resolve("peer.py"), "# the fake python above does not read it\n");
        return python;
    }

    @Test
    void runsThePeerWithTheSameSettingsAndPrintsTheRatios(@TempDir Path dir) throws IOException {
        Path python = fakePeerPython(dir);
        CliRun run = CliRun.of("bench", "--settings", "b", "--warmup", "1", "--steps", "2", "--sentences", "4",
                "--src-len", "3", "--beam", "2", "--peer", dir.resolve("peer.py").toString(),
                "--peer-python", python.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        double oursStep = Double.parseDouble(lines.stream().filter(l -> l.startsWith("b ")).findFirst().orElseThrow()
                .trim().split("\\s+")[6]);
        String[] training = lines.stream().filter(l -> l.startsWith("training (b), s/step")).findFirst().orElseThrow()
                .substring("training (b), s/step".length()).trim().split("\\s+");
        assertEquals(oursStep, Double.parseDouble(training[0]), 1e-4);
        assertEquals(0.05, Double.parseDouble(training[1]), 1e-9);
        assertEquals(1, Integer.parseInt(training[2]), "the fake peer reports 1 thread");
        assertEquals(0.05 / oursStep, Double.parseDouble(training[3]), 0.006 + 0.05 / oursStep * 0.0001 / oursStep,
                "ours as printed is rounded to four decimals");
        String[] beam = lines.stream().filter(l -> l.startsWith("beam2, sentences/s")).findFirst().orElseThrow()
                .substring("beam2, sentences/s".length()).trim().split("\\s+");
        assertEquals(50.0, Double.parseDouble(beam[1]), 1e-9);
        assertEquals(Double.parseDouble(beam[0]) / 50.0, Double.parseDouble(beam[3]), 0.006);
        String memory = lines.stream().filter(l -> l.startsWith("peak memory, MB")).findFirst().orElseThrow();
        assertTrue(memory.contains(" 600 ") && memory.endsWith("training (b) alone)"),
                "the peer's training process, not its decoding one (650): " + memory);
    }

    /** Rounds alternate ours and the peer; each row gives the medians and each round's ratio. */
    @Test
    void severalRoundsGiveMediansAndEachRoundsRatio(@TempDir Path dir) throws IOException {
        Path python = fakePeerPython(dir);
        CliRun run = CliRun.of("bench", "--settings", "b", "--warmup", "1", "--steps", "2", "--sentences", "0",
                "--rounds", "3", "--peer", dir.resolve("peer.py").toString(), "--peer-python", python.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        double[] ours = lines.stream().filter(l -> l.startsWith("b ")).mapToDouble(l -> Double.parseDouble(
                l.trim().split("\\s+")[6])).toArray();
        assertEquals(3, ours.length, "a table of ours per round: " + run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("training (round 3 of 3, our warm-up + timed steps: b 1 + 2;")), run.out());
        String row = lines.stream().filter(l -> l.startsWith("training (b), s/step")).findFirst().orElseThrow();
        String[] fields = row.substring("training (b), s/step".length()).trim().split("\\s+");
        double[] sorted = ours.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[1], Double.parseDouble(fields[0]), 1e-4, "the median of ours");
        assertEquals(0.05 / sorted[1], Double.parseDouble(fields[3]), 0.006 + 0.05 / sorted[1] * 0.0001 / sorted[1],
                "the median ratio");
        String[] each = row.substring(row.indexOf("(rounds:") + "(rounds:".length(), row.indexOf(')', row.indexOf("(rounds:")))
                .trim().split(" ");
        assertEquals(3, each.length, row);
        for (int r = 0; r < 3; r++) {                    // ours as printed is rounded to 4 decimals
            assertEquals(0.05 / ours[r], Double.parseDouble(each[r]), 0.006 + 0.05 / ours[r] * 0.0001 / ours[r], row);
        }
        assertEquals(2.5, BenchCommand.median(new double[] {4, 1, 2, 3}), 0.0);
        assertEquals(Seq2SeqCli.USAGE_ERROR, CliRun.of("bench", "--rounds", "0").exitCode());
    }

    @Test
    void aPeerNamedButMissingIsAUsageErrorBeforeAnythingRuns() {
        CliRun run = CliRun.of("bench", "--peer", "no/such/peer.py");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode());
        assertEquals("error: --peer: no/such/peer.py not found", run.err().strip());
    }

    @Test
    void anUnknownSettingIsAUsageError() {
        CliRun run = CliRun.of("bench", "--settings", "c");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode());
        assertEquals("error: unknown setting 'c': a or b", run.err().strip());
    }
}
