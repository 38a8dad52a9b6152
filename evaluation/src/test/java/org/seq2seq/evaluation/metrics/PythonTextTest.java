package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTextTest {
    /** Python 3.11's {@code str.lower()} of these, printed there: capitals Unicode 14 added. */
    @Test
    void lowercasesTheCapitalsUnicode14AddedAsPythonDoes() {
        String capitals = "\u2c2f\ua7c0\ua7d0\ua7d6\ua7d8 \ud801\udd70\ud801\udd7c\ud801\udd8c\ud801\udd94 ABC";
        String python = "\u2c5f\ua7c1\ua7d1\ua7d7\ua7d9 \ud801\udd97\ud801\udda3\ud801\uddb3\ud801\uddbb abc";
        assertEquals(python, PythonText.lower(capitals));
        assertEquals("σας οδος ή σ.", PythonText.lower("ΣΑΣ ΟΔΟΣ Ή Σ."), "final sigma, as Python");
        assertEquals("i\u0307stanbul", PythonText.lower("\u0130stanbul"));
    }

    @Test
    void lowercaseBleuMatchesAGlagoliticCapitalWithItsSmallLetter() {
        Bleu lowercase = new Bleu(BleuTokenizer.THIRTEEN_A, true, Smoothing.exp(), false);
        BleuScore score = lowercase.corpusScore(List.of("\u2c2f a b c"), List.of(List.of("\u2c5f a b c")));
        assertEquals(100.0, score.score(), 1e-9);
    }
}
