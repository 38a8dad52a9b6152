package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DecodeBenchCommandTest {

    @Test
    void reportsGreedyAndBeamThroughputOnTheRandomModel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Seq2SeqCli.run(new String[] {"bench-decode", "--sentences", "3", "--src-len", "2", "--beam", "3"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("bench-decode: random model"), lines[0]);
        // a random model rarely ends early: outputs run to the limit of 2 × 2 + 10 tokens
        assertTrue(lines[1].matches("greedy\\s+sentences/s\\s+[\\d.]+\\s+output tokens/s\\s+[\\d.]+\\s+mean output "
                + "length\\s+[\\d.]+\\s+[\\d.]+ s"), lines[1]);
        assertTrue(lines[2].startsWith("beam3 "), lines[2]);
    }

    @Test
    void aBeamBelowTwoIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Seq2SeqCli.run(new String[] {"bench-decode", "--beam", "1"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(Seq2SeqCli.USAGE_ERROR, code);
        assertEquals("error: --sentences, --src-len and --batch-size must be at least 1, --beam at least 2",
                err.toString().strip());
    }
}
