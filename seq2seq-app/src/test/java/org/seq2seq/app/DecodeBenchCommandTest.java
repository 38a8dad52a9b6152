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
    void aBeamBelowTwoIsAUsageError() {
        CliRun run = CliRun.of("bench-decode", "--beam", "1");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode());
        assertEquals("error: --sentences, --src-len and --batch-size must be at least 1, --beam at least 2",
                run.err().strip());
    }
}
