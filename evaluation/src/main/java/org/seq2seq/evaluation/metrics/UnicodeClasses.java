package org.seq2seq.evaluation.metrics;

/**
 * Whether a code point is punctuation ({@code \p{P}}), a symbol ({@code \p{S}}) or a number
 * ({@code \p{N}}) by Unicode 15.0, as sacreBLEU's {@code intl} tokenizer sees them (Python's
 * {@code regex} module on Unicode 15). Java 17 knows Unicode 13: the ranges below are every code
 * point that Unicode 15.0 puts in one of these classes and Java 17 does not (compared code point
 * by code point with ICU4J 72.1, whose data is Unicode 15.0, in {@code UnicodeClassesTest}).
 */
final class UnicodeClasses {
    /** [first, last, class] where Java 17 has no class: {@code 'P'}, {@code 'S'} or {@code 'N'}. */
    static final int[][] SINCE_UNICODE_13 = {
        {0x061D, 0x061D, 'P'}, {0x0888, 0x0888, 'S'}, {0x1B7D, 0x1B7E, 'P'}, {0x20C0, 0x20C0, 'S'},
        {0x2E53, 0x2E5D, 'P'}, {0xFBC2, 0xFBC2, 'S'}, {0xFD40, 0xFD4F, 'S'}, {0xFDCF, 0xFDCF, 'S'},
        {0xFDFE, 0xFDFF, 'S'}, {0x10F86, 0x10F89, 'P'}, {0x116B9, 0x116B9, 'P'}, {0x11B00, 0x11B09, 'P'},
        {0x11F43, 0x11F4F, 'P'}, {0x11F50, 0x11F59, 'N'}, {0x12FF1, 0x12FF2, 'P'}, {0x16AC0, 0x16AC9, 'N'},
        {0x1CF50, 0x1CFC3, 'S'}, {0x1D1E9, 0x1D1EA, 'S'}, {0x1D2C0, 0x1D2D3, 'N'}, {0x1E4F0, 0x1E4F9, 'N'},
        {0x1F6DC, 0x1F6DF, 'S'}, {0x1F774, 0x1F776, 'S'}, {0x1F77B, 0x1F77F, 'S'}, {0x1F7D9, 0x1F7D9, 'S'},
        {0x1F7F0, 0x1F7F0, 'S'}, {0x1F979, 0x1F979, 'S'}, {0x1F9CC, 0x1F9CC, 'S'}, {0x1FA75, 0x1FA77, 'S'},
        {0x1FA7B, 0x1FA7C, 'S'}, {0x1FA87, 0x1FA88, 'S'}, {0x1FAA9, 0x1FAAF, 'S'}, {0x1FAB7, 0x1FABD, 'S'},
        {0x1FABF, 0x1FABF, 'S'}, {0x1FAC3, 0x1FAC5, 'S'}, {0x1FACE, 0x1FACF, 'S'}, {0x1FAD7, 0x1FADB, 'S'},
        {0x1FAE0, 0x1FAE8, 'S'}, {0x1FAF0, 0x1FAF8, 'S'},
    };

    private UnicodeClasses() {
    }

    /** {@code 'P'}, {@code 'S'}, {@code 'N'}, or 0 for none of them, by Unicode 15.0. */
    static char classOf(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION:
                return 'P';
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return 'S';
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return 'N';
            case Character.UNASSIGNED:
                return newer(c);
            default:
                return 0;
        }
    }

    private static char newer(int c) {
        for (int[] range : SINCE_UNICODE_13) {
            if (c >= range[0] && c <= range[1]) {
                return (char) range[2];
            }
        }
        return 0;
    }
}
