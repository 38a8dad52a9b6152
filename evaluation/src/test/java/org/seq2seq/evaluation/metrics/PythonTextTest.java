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

    /**
     * Python's Final_Sigma rule: skipping case-ignorable characters (combining marks, format
     * characters, modifier letters, the apostrophe, the period and the colon), Σ is final when a
     * cased letter comes before it and none after.
     */
    @Test
    void capitalSigmaIsFinalByPythonsRuleNotJavas() {
        assertEquals("ας-β ας—β", PythonText.lower("ΑΣ-Β ΑΣ—Β"), "a hyphen or a dash is not case-ignorable nor cased");
        assertEquals("ασ:β α:ς", PythonText.lower("ΑΣ:Β Α:Σ"), "a colon is case-ignorable: skipped both ways");
        assertEquals("α1σ ας1β", PythonText.lower("Α1Σ ΑΣ1Β"), "a digit is neither: it ends the search");
        assertEquals("ασ\u0301β ας\u0301", PythonText.lower("ΑΣ\u0301Β ΑΣ\u0301"), "a combining accent is skipped");
        assertEquals("ʰσ σ", PythonText.lower("ʰΣ Σ"), "nothing cased before");
        assertEquals("ασ\u2c5f", PythonText.lower("ΑΣ\u2c2f"), "a capital Unicode 14 added is cased");
    }

    @Test
    void lowercaseBleuMatchesAGlagoliticCapitalWithItsSmallLetter() {
        Bleu lowercase = new Bleu(BleuTokenizer.THIRTEEN_A, true, Smoothing.exp(), false);
        BleuScore score = lowercase.corpusScore(List.of("\u2c2f a b c"), List.of(List.of("\u2c5f a b c")));
        assertEquals(100.0, score.score(), 1e-9);
    }

    /**
     * sacreBLEU's {@code zh} tokenizer on lines chosen to show its ranges; expectations worked out
     * from its code ({@code tokenizer_zh.py}: strip, set apart characters in {@code _UCODE_RANGES}
     * as Python compares them, then {@code TokenizerRegexp}).
     */
    @Test
    void theZhTokenizerSetsApartWhatSacreBleusRangesSelect() {
        BleuTokenizer zh = BleuTokenizer.of("zh");
        assertEquals("\u6211 \u7231 \u5317 \u4eac \u5929 \u5b89 \u95e8 \u3002", zh.tokenize("\u6211\u7231\u5317\u4eac\u5929\u5b89\u95e8\u3002"));
        // an em dash (U+2014) falls in the range that '\u20000' really selects (U+2001 to U+2A6D)
        assertEquals("\u4ef7 \u683c \u2014 100 \u5143 , OK .", zh.tokenize("\u4ef7\u683c\u2014100\u5143, OK."));
        // Extension B (U+20000, U+20001) is not set apart; curly quotes (U+201C/U+201D) are
        assertEquals("\ud840\udc00\ud840\udc01 \u5b57 \u201c \u5f15 \u53f7 \u201d 3.5 %",
                zh.tokenize(" \ud840\udc00\ud840\udc01\u5b57\u201c\u5f15\u53f7\u201d 3.5% "));
        assertEquals("Hello , \u4e16 \u754c !", zh.tokenize("Hello,\u4e16\u754c!"));
        assertEquals("zh", zh.signatureName());
    }
}
