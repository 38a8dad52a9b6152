package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code ../shared/evaluation/bleu-vectors.json}, computed by sacreBLEU 2.6.0, and
 * the comparison of a result with one: for the library's tests and the file scorer's.
 */
public final class SacreBleuVectors {
    public static final double TOLERANCE = 1e-4;

    private SacreBleuVectors() {
    }

    /** One case of the file. */
    public record Case(String id, Bleu bleu, List<String> hypotheses, List<List<String>> references, JsonNode expected) {
        public boolean sentence() {
            return expected.get("level").asText().equals("sentence");
        }
    }

    /** The copy in the test resources (of {@code ../shared/evaluation/bleu-vectors.json}). */
    public static final String RESOURCE = "/vectors/bleu-vectors.json";

    /** The cases, from the copy in the test resources. */
    public static List<Case> cases() throws IOException {
        JsonNode root;
        try (var in = SacreBleuVectors.class.getResourceAsStream(RESOURCE)) {
            root = new ObjectMapper().readTree(in);
        }
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            double value = c.get("smooth_value").isNull() ? Double.NaN : c.get("smooth_value").asDouble();
            Bleu bleu = new Bleu(BleuTokenizer.of(c.get("tokenize").asText()), c.get("lowercase").asBoolean(),
                    Smoothing.of(c.get("smooth").asText(), value), c.get("effective_order").asBoolean());
            List<String> hypotheses = new ArrayList<>();
            c.get("hyps").forEach(h -> hypotheses.add(h.asText()));
            List<List<String>> references = new ArrayList<>();
            for (JsonNode stream : c.get("refs")) {
                List<String> lines = new ArrayList<>();
                stream.forEach(r -> lines.add(r.isNull() ? null : r.asText()));
                references.add(lines);
            }
            cases.add(new Case(c.get("id").asText(), bleu, hypotheses, references, c));
        }
        return cases;
    }

    /** Fails unless the results match the case to {@link #TOLERANCE} (counts and signatures exactly). */
    public static void assertMatches(Case c, BleuScore score, ChrF.Score chrf) {
        JsonNode e = c.expected();
        assertEquals(e.get("bleu").asDouble(), score.score(), TOLERANCE, c.id() + " BLEU");
        for (int n = 0; n < 4; n++) {
            assertEquals(e.get("counts").get(n).asLong(), score.counts()[n], c.id() + " counts " + (n + 1));
            assertEquals(e.get("totals").get(n).asLong(), score.totals()[n], c.id() + " totals " + (n + 1));
            assertEquals(e.get("precisions").get(n).asDouble(), score.precisions()[n], TOLERANCE,
                    c.id() + " precision " + (n + 1));
        }
        assertEquals(e.get("bp").asDouble(), score.brevityPenalty(), TOLERANCE, c.id() + " BP");
        assertEquals(e.get("sys_len").asLong(), score.systemLength(), c.id() + " sys_len");
        assertEquals(e.get("ref_len").asLong(), score.referenceLength(), c.id() + " ref_len");
        assertEquals(e.get("bleu_signature").asText(), score.signature(), c.id() + " signature");
        assertEquals(e.get("chrf").asDouble(), chrf.score(), TOLERANCE, c.id() + " chrF");
        assertEquals(e.get("chrf_signature").asText(), chrf.signature(), c.id() + " chrF signature");
    }
}
