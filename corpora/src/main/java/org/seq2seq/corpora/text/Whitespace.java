package org.seq2seq.corpora.text;

/**
 * The one definition of "space" used by the readers and tokenizers: Java whitespace, every
 * Unicode space separator (so U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE too, which
 * {@link Character#isWhitespace} leaves out), control characters, U+200B ZERO WIDTH SPACE and
 * U+FEFF (a stray byte-order mark).
 */
public final class Whitespace {
    private Whitespace() {
    }

    /** Whether a code point separates tokens and never belongs to one. */
    public static boolean isSeparator(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.CONTROL
                || codePoint == 0x200B
                || codePoint == 0xFEFF;
    }

    /** Whether text holds nothing but separators (or nothing at all). */
    public static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (!isSeparator(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether any code point of text is a separator. */
    public static boolean containsSeparator(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (isSeparator(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
