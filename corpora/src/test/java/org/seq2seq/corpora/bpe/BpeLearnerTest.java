package org.seq2seq.corpora.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeLearnerTest {
    private static Map<String, Long> counts(Object... wordsAndCounts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndCounts.length; i += 2) {
            m.put((String) wordsAndCounts[i], ((Number) wordsAndCounts[i + 1]).longValue());
        }
        return m;
    }

    /**
     * Sennrich et al.'s example (low 5, lower 2, newest 6, widest 3) with version 0.2's word-final
     * symbols; the expected merges come from recounting every pair at every step (Python, by hand),
     * which the incremental updates must agree with. 's t&lt;/w&gt;' ties 'e s' at 9 and is the greater pair.
     */
    @Test
    void learnsThePapersExample() {
        BpeCodes codes = new BpeLearner(10, 2).learn(counts("low", 5, "lower", 2, "newest", 6, "widest", 3));
        assertEquals(List.of("s t</w>", "e st</w>", "l o", "w est</w>", "n e", "ne west</w>", "lo w</w>", "w i",
                "wi d", "wid est</w>"), codes.merges().stream().map(Merge::toString).toList());
    }

    @Test
    void stopsWhenNoPairIsFrequentEnoughOrNoneIsLeft() {
        assertEquals(List.of("a b</w>"), new BpeLearner(10, 2).learn(counts("ab", 2, "cd", 1)).merges().stream()
                .map(Merge::toString).toList());
        assertEquals(0, new BpeLearner(10, 1).learn(counts("a", 3, "b", 2)).size(), "single characters: no pairs");
        assertEquals(0, new BpeLearner(10, 1).learn(Map.of()).size());
    }

    /** Ties go to the greater pair by code point, as Python compares strings: U+1F600 after U+FF5E. */
    @Test
    void tiesGoToTheGreaterPairByCodePoint() {
        BpeCodes codes = new BpeLearner(1, 1).learn(counts("x\uff5e", 1, "x\ud83d\ude00", 1));
        assertEquals("x \ud83d\ude00</w>", codes.merges().get(0).toString());
        assertEquals(List.of("x\ud83d\ude00"), new BpeSegmenter(codes).segmentWord("x\ud83d\ude00"));
        assertEquals(List.of("x", "\uff5e"), new BpeSegmenter(codes).segmentWord("x\uff5e"));
    }

    @Test
    void countsWordsAsSubwordNmtReadsLines() {
        List<String> lines = new ArrayList<>(List.of(" a  b\r", "a\tb a\n"));
        assertEquals(counts("a", 2L, "b", 1L, "a\tb", 1L), BpeLearner.countWords(lines));
    }

    @Test
    void refusesImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BpeLearner(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new BpeLearner(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new BpeLearner(10, 2).learn(counts("a b", 3)));
    }
}
