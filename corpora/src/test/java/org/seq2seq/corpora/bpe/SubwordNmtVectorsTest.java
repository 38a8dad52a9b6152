package org.seq2seq.corpora.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * subword-nmt's own output ({@code vectors/bpe-vectors.json}): the codes it learned from 6,000
 * Multi30k lines for three settings, and how it segmented 200 test lines with each.
 */
class SubwordNmtVectorsTest {
    private static JsonNode vectors;
    private static Map<String, Long> words;

    @BeforeAll
    static void read() throws IOException {
        try (var in = SubwordNmtVectorsTest.class.getResourceAsStream("/vectors/bpe-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        List<String> lines = new ArrayList<>();
        vectors.get("train").forEach(l -> lines.add(l.asText()));
        words = BpeLearner.countWords(lines);
    }

    private static JsonNode testCase(int index) {
        return vectors.get("cases").get(index);
    }

    private static List<String> expectedCodes(JsonNode c) {
        List<String> lines = new ArrayList<>();
        c.get("codes").forEach(l -> lines.add(l.asText()));
        return lines;
    }

    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2})
    void learnsTheCodesSubwordNmtLearned(int index) {
        JsonNode c = testCase(index);
        BpeCodes codes = new BpeLearner(c.get("merges").asInt(), c.get("min_frequency").asInt()).learn(words);
        List<String> expected = expectedCodes(c);
        List<String> actual = List.of(codes.text().split("\n"));
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "codes line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), "number of codes lines");
    }

    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2})
    void segmentsAsSubwordNmtDidWithItsCodes(int index) throws IOException {
        JsonNode c = testCase(index);
        BpeCodes codes = BpeCodes.parse(String.join("\n", expectedCodes(c)) + "\n", "case " + index);
        assertEquals(c.get("codes").size() - 1, codes.size());
        BpeSegmenter segmenter = new BpeSegmenter(codes);
        int n = 0;
        for (JsonNode a : c.get("apply")) {
            assertEquals(a.get("output").asText(), segmenter.segmentLine(a.get("input").asText()),
                    a.get("input").asText());
            assertEquals(a.get("input").asText(), Subwords.joinLine(a.get("output").asText()), "joined back");
            n++;
        }
        assertEquals(200, n);
    }
}
