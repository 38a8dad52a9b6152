package org.seq2seq.evaluation.metrics;

import java.util.Arrays;

/**
 * Which lowercase a capital sigma (Σ, U+03A3) becomes in Python's {@code str.lower()}: final ς
 * (U+03C2) at the end of a word, σ (U+03C3) elsewhere. Python decides by Unicode's Final_Sigma
 * context ({@code handle_capital_sigma} in CPython's {@code unicodeobject.c}): Σ is final when,
 * skipping case-ignorable characters, the character before it is cased and the character after it
 * is not (or there is none). Java's {@code toLowerCase} decides by word boundaries instead and
 * disagrees, for example, on {@code ΑΣ-Β} (Python ας-β, Java ασ-β) and {@code ΑΣ:Β} (Python
 * ασ:β, Java ας:β).
 *
 * <p>Case-ignorable and cased are Unicode's derived properties, by Unicode 14.0 as Python 3.11
 * has them: Java 17 (Unicode 13) gives them from general categories, the word-break classes
 * MidLetter, MidNumLet and Single_Quote listed below, and the exceptions in {@link #SINCE_UNICODE_13}
 * (every code point compared with Python 3.11's own decision in {@code FinalSigmaTest}).
 */
final class FinalSigma {
    static final int CAPITAL = 0x3A3;
    private static final int FINAL = 0x3C2;
    private static final int SMALL = 0x3C3;

    private static final int NEITHER = 0;
    private static final int IGNORABLE = 1;
    private static final int CASED = 2;

    /** Word_Break MidLetter, MidNumLet and Single_Quote (Unicode 14.0), which are case-ignorable; sorted. */
    private static final int[] MID_WORD = {0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027,
        0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};

    /**
     * {@code [first, last, kind]}: the code points whose kind in Python 3.11 (Unicode 14.0) differs from
     * what Java 17's character data gives: letters and marks added in Unicode 14, and U+1734, a
     * non-spacing mark in Unicode 13 and a spacing one in 14.
     */
    static final int[][] SINCE_UNICODE_13 = {
        {0x888, 0x888, IGNORABLE}, {0x890, 0x891, IGNORABLE}, {0x898, 0x89F, IGNORABLE}, {0x8C9, 0x8D2, IGNORABLE},
        {0xC3C, 0xC3C, IGNORABLE}, {0x1734, 0x1734, NEITHER}, {0x180F, 0x180F, IGNORABLE}, {0x1AC1, 0x1ACE, IGNORABLE},
        {0x1DFA, 0x1DFA, IGNORABLE}, {0x2C2F, 0x2C2F, CASED}, {0x2C5F, 0x2C5F, CASED}, {0xA7C0, 0xA7C1, CASED},
        {0xA7D0, 0xA7D1, CASED}, {0xA7D3, 0xA7D3, CASED}, {0xA7D5, 0xA7D9, CASED}, {0xA7F2, 0xA7F4, IGNORABLE},
        {0xFBC2, 0xFBC2, IGNORABLE}, {0x10570, 0x1057A, CASED}, {0x1057C, 0x1058A, CASED}, {0x1058C, 0x10592, CASED},
        {0x10594, 0x10595, CASED}, {0x10597, 0x105A1, CASED}, {0x105A3, 0x105B1, CASED}, {0x105B3, 0x105B9, CASED},
        {0x105BB, 0x105BC, CASED}, {0x10780, 0x10785, IGNORABLE}, {0x10787, 0x107B0, IGNORABLE},
        {0x107B2, 0x107BA, IGNORABLE}, {0x10F82, 0x10F85, IGNORABLE}, {0x11070, 0x11070, IGNORABLE},
        {0x11073, 0x11074, IGNORABLE}, {0x110C2, 0x110C2, IGNORABLE}, {0x1AFF0, 0x1AFF3, IGNORABLE},
        {0x1AFF5, 0x1AFFB, IGNORABLE}, {0x1AFFD, 0x1AFFE, IGNORABLE}, {0x1CF00, 0x1CF2D, IGNORABLE},
        {0x1CF30, 0x1CF46, IGNORABLE}, {0x1DF00, 0x1DF09, CASED}, {0x1DF0B, 0x1DF1E, CASED},
        {0x1E2AE, 0x1E2AE, IGNORABLE},
    };

    private FinalSigma() {
    }

    /**
     * The lowercase of the capital sigma at {@code index} of {@code codePoints}, as Python's
     * {@code str.lower()} writes it.
     *
     * @return U+03C2 (ς) in the Final_Sigma context, else U+03C3 (σ)
     */
    static int lowercaseAt(int[] codePoints, int index) {
        int before = index - 1;
        while (before >= 0 && isCaseIgnorable(codePoints[before])) {
            before--;
        }
        if (before < 0 || !isCased(codePoints[before])) {
            return SMALL;
        }
        int after = index + 1;
        while (after < codePoints.length && isCaseIgnorable(codePoints[after])) {
            after++;
        }
        return after == codePoints.length || !isCased(codePoints[after]) ? FINAL : SMALL;
    }

    /** Unicode's Case_Ignorable (14.0): Mn, Me, Cf, Lm, Sk and the mid-word punctuation of word breaking. */
    static boolean isCaseIgnorable(int c) {
        return kind(c) == IGNORABLE;
    }

    /** Unicode's Cased (14.0) for a character that is not case-ignorable: Lowercase, Uppercase or Lt. */
    static boolean isCased(int c) {
        return kind(c) == CASED;
    }

    private static int kind(int c) {
        for (int[] range : SINCE_UNICODE_13) {
            if (c >= range[0] && c <= range[1]) {
                return range[2];
            }
        }
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL:
                return IGNORABLE;
            default:
                if (Arrays.binarySearch(MID_WORD, c) >= 0) {
                    return IGNORABLE;
                }
                return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c) ? CASED
                        : NEITHER;
        }
    }
}
