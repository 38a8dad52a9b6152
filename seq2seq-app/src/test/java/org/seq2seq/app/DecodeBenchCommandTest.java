package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodeBenchCommandTest {

    @Test
    void reportsGreedyAndBeamThroughputOnTheRandomModel() {
        CliRun run = CliRun.of("bench-decode", "--sentences", "3", "--src-len", "2", "--beam", "3");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith("bench-decode: random model"), lines[0]);
        // a random model rarely ends early: outputs run to the limit of 2 × 2 + 10 tokens
        assertTrue(lines[1].matches("greedy\\s+sentences/s\\s+[\\d.]+\\s+output tokens/s\\s+[\\d.]+\\s+mean output "
                + "length\\s+[\\d.]+\\s+[\\d.]+ s"), lines[1]);
        assertTrue(lines[2].startsWith("beam3 "), lines[2]);
    }

    @Test
    void aRandomShortlistAndSingleSentenceLatency() {
        CliRun run = CliRun.of("bench-decode", "--sentences", "3", "--src-len", "2", "--beam", "3",
                "--random-shortlist", "50,20", "--latency");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(4, lines.length, run.out());
        assertTrue(lines[0].contains(" with Shortlist[50 frequent, up to 20 per source token of 8000, target "
                + "vocabulary 8000]"), lines[0]);
        assertTrue(lines[3].matches("one sentence at a time, beam 3: p50 [\\d.]+ ms   p90 [\\d.]+ ms   p99 [\\d.]+ ms   "
                + "mean [\\d.]+ ms   \\(3 sentences\\)"), lines[3]);
        CliRun withModel = CliRun.of("bench-decode", "--model", "nowhere", "--random-shortlist", "50,20");
        assertEquals(Seq2SeqCli.USAGE_ERROR, withModel.exitCode());
        assertEquals("error: --random-shortlist takes FREQUENT,PER_TOKEN (two numbers of 0 or more) and is for the "
                + "random model only (not with --model)", withModel.err().strip());
    }

    @Test
    void aBeamBelowTwoIsAUsageError() {
        CliRun run = CliRun.of("bench-decode", "--beam", "1");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode());
        assertEquals("error: --sentences, --src-len and --batch-size must be at least 1, --beam at least 2",
                run.err().strip());
    }
}
