package org.seq2seq.corpora.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which tokens hug their neighbours when a sentence is written back from tokens, for English,
 * German and French text. One instance per sentence: it tracks open quotes, because the same
 * quote character opens and closes (") or opens in English and closes in German (“).
 *
 * <ul>
 *   <li>closing punctuation {@code . , ! ? ; : % ‰ ) ] } …} attaches to the token before it;</li>
 *   <li>opening punctuation {@code ( [ { ¿ ¡ $ £ #} attaches to the token after it;</li>
 *   <li>a word starting with a hyphen attaches to a closing quote or bracket before it
 *       ({@code „Open“-Schild});</li>
 *   <li>a quote closes the innermost open quote it pairs with ({@code " "}, {@code ' '},
 *       {@code “ ”}, {@code ‘ ’}, {@code „ “}, {@code „ ”}, {@code ‚ ‘}, {@code « »},
 *       {@code » «}, {@code ‹ ›}) and attaches left; otherwise it opens and attaches right, except
 *       {@code ”} and {@code ’}, which only close;</li>
 *   <li>anything else (words, dashes, symbols) is spaced on both sides.</li>
 * </ul>
 *
 * <p>French puts a space before {@code ; : ! ?} and inside {@code « »}; this writes English
 * spacing for every language.
 */
final class Spacing {
    /** Whether a token takes no space before it ({@code left}) and none after it ({@code right}). */
    record Attachment(boolean left, boolean right) {
    }

    private static final Attachment NONE = new Attachment(false, false);
    private static final Attachment LEFT = new Attachment(true, false);
    private static final Attachment RIGHT = new Attachment(false, true);

    private static final String CLOSING = ".,!?;:%\u2030)]}\u2026";
    private static final String OPENING = "([{\u00BF\u00A1$\u00A3#";
    private static final String CLOSING_BRACKETS = ")]}";
    private static final String OPENING_QUOTES = "\"'\u201C\u2018\u201E\u201A\u00AB\u00BB\u2039\u203A";
    private static final String CLOSING_ONLY_QUOTES = "\u201D\u2019";

    private final Deque<Integer> openQuotes = new ArrayDeque<>();
    private boolean afterClosingQuoteOrBracket;

    /** How the next token of the sentence attaches; call once per token, in order. */
    Attachment attachment(String token) {
        boolean afterClosing = afterClosingQuoteOrBracket;
        afterClosingQuoteOrBracket = false;
        int cp = token.codePointAt(0);
        if (!isRunOf(token, cp)) {
            return afterClosing && token.length() > 1 && (cp == '-' || cp == '\u2010' || cp == '\u2011')
                    && WordTokenizer.isWordChar(token.codePointAt(1)) ? LEFT : NONE;
        }
        if (WordTokenizer.isWordChar(cp)) {
            return NONE;
        }
        if (CLOSING.indexOf(cp) >= 0) {
            afterClosingQuoteOrBracket = CLOSING_BRACKETS.indexOf(cp) >= 0;
            return LEFT;
        }
        if (OPENING.indexOf(cp) >= 0) {
            return RIGHT;
        }
        if (!openQuotes.isEmpty() && closes(openQuotes.peek(), cp)) {
            openQuotes.pop();
            afterClosingQuoteOrBracket = true;
            return LEFT;
        }
        if (OPENING_QUOTES.indexOf(cp) >= 0) {
            openQuotes.push(cp);
            return RIGHT;
        }
        if (CLOSING_ONLY_QUOTES.indexOf(cp) >= 0) {
            afterClosingQuoteOrBracket = true;
            return LEFT;
        }
        return NONE;
    }

    /** Whether a character can close a quote or bracket: the text before a "-Schild" that hugs it. */
    static boolean isClosingQuoteOrBracket(int cp) {
        return CLOSING_BRACKETS.indexOf(cp) >= 0 || OPENING_QUOTES.indexOf(cp) >= 0
                || CLOSING_ONLY_QUOTES.indexOf(cp) >= 0;
    }

    private static boolean isRunOf(String token, int cp) {
        for (int i = 0; i < token.length(); ) {
            int c = token.codePointAt(i);
            if (c != cp) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean closes(int open, int close) {
        return switch (open) {
            case '"' -> close == '"';
            case '\'' -> close == '\'';
            case '\u201C' -> close == '\u201D';                      // “ ”
            case '\u2018' -> close == '\u2019';                      // ‘ ’
            case '\u201E' -> close == '\u201C' || close == '\u201D'; // „ “ and „ ”
            case '\u201A' -> close == '\u2018' || close == '\u2019'; // ‚ ‘ and ‚ ’
            case '\u00AB' -> close == '\u00BB';                      // « »
            case '\u00BB' -> close == '\u00AB';                      // » «
            case '\u2039' -> close == '\u203A';                      // ‹ ›
            case '\u203A' -> close == '\u2039';                      // › ‹
            default -> false;
        };
    }
}
