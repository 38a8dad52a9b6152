package org.seq2seq.corpora.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits text into words and punctuation, for any script.
 *
 * <p>A word is a run of letters, combining marks, digits and {@code _} (so "Mädchen", "garçon",
 * "naïve", "東京" and "Ελλάδα" stay whole), with these joined inside it: a hyphen, slash,
 * ampersand or full stop between word characters ("T-Shirt", "und/oder", "Q&A", "z.B", "3.5"), a
 * comma or colon between digits ("1,000", "10:30"), an apostrophe between letters ("don't",
 * "l'homme"); and at its ends an apostrophe right after it ("dogs'"), a hyphen right after it
 * before a space ("Zwei-" in "Zwei- und vierbeinig") and a hyphen right before it after a space or
 * a closing quote or bracket ("-tassen" in "Teller und -tassen", "-Schild" in "„Open“-Schild").
 * Every other character that is not a space is punctuation; a run of the same punctuation
 * character is one token ("...", "?", "--"). Spaces of every kind, including no-break spaces,
 * only separate ({@link Whitespace}).
 *
 * <p>Text is put in Unicode NFC first, and lowercased (root locale) when asked.
 * {@link #detokenize} writes a natural sentence: no space before {@code . , ! ? ; : ) ] } % …},
 * none after {@code ( [ { ¿ ¡ „}, quotes hugging what they quote (see {@link Spacing}).
 *
 * <pre>{@code
 * tokenize("„Ich weiß es nicht“, sagte er.")  ->  [„, Ich, weiß, es, nicht, “, ,, sagte, er, .]
 * detokenize(...)                             ->  „Ich weiß es nicht“, sagte er.
 * }</pre>
 */
public final class WordTokenizer implements Tokenizer {
    private final boolean lowercase;

    /** A tokenizer that keeps case. */
    public WordTokenizer() {
        this(false);
    }

    public WordTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = TextNormalizer.normalize(Objects.requireNonNull(text, "text"), lowercase);
        List<String> tokens = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (Whitespace.isSeparator(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            if (isWordChar(cp)) {
                i = endOfWord(s, i);
            } else if (isHyphen(cp) && startsWordAfterHyphen(s, i)) {
                i = endOfWord(s, i + 1);
            } else {
                i += Character.charCount(cp);
                while (i < n && s.codePointAt(i) == cp) {
                    i += Character.charCount(cp);
                }
            }
            tokens.add(s.substring(start, i));
        }
        return tokens;
    }

    @Override
    public String detokenize(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        Spacing spacing = new Spacing();
        boolean glue = true;
        for (String token : tokens) {
            Spacing.Attachment a = spacing.attachment(token);
            if (!glue && !a.left()) {
                sb.append(' ');
            }
            sb.append(token);
            glue = a.right();
        }
        return sb.toString();
    }

    /** Where the word starting at {@code i} ends (exclusive). */
    private static int endOfWord(String s, int i) {
        int n = s.length();
        int prev = -1;
        while (i < n) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (isWordChar(cp)) {
                prev = cp;
                i += len;
                continue;
            }
            int next = i + len < n ? s.codePointAt(i + len) : -1;
            if (isInfix(prev, cp, next)) {
                prev = cp;
                i += len;
                continue;
            }
            if (isApostrophe(cp) && Character.isLetter(prev)
                    || isHyphen(cp) && isWordChar(prev) && (next < 0 || Whitespace.isSeparator(next))) {
                i += len;   // a trailing apostrophe or hyphen belongs to the word: "dogs'", "Zwei-"
            }
            break;
        }
        return i;
    }

    /**
     * Whether the hyphen at {@code i} starts a word: a word character follows, and before it is
     * the start, a space, or a closing quote or bracket.
     */
    private static boolean startsWordAfterHyphen(String s, int i) {
        int after = i + 1 < s.length() ? s.codePointAt(i + 1) : -1;
        if (!isWordChar(after)) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        int before = s.codePointBefore(i);
        return Whitespace.isSeparator(before) || Spacing.isClosingQuoteOrBracket(before);
    }

    private static boolean isHyphen(int cp) {
        return cp == '-' || cp == '\u2010' || cp == '\u2011';
    }

    private static boolean isInfix(int prev, int cp, int next) {
        if (next < 0 || !isWordChar(prev) || !isWordChar(next)) {
            return false;
        }
        return switch (cp) {
            case '-', '\u2010', '\u2011', '/', '.', '&' -> true;
            case ',', ':' -> Character.isDigit(prev) && Character.isDigit(next);
            case '\'', '\u2019' -> Character.isLetter(prev) && Character.isLetter(next);
            default -> false;
        };
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }

    static boolean isWordChar(int cp) {
        if (cp < 0) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION:
                return true;
            default:
                return cp == 0x200C || cp == 0x200D;   // zero-width (non-)joiner, needed in some scripts
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordTokenizer t && t.lowercase == lowercase;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(lowercase);
    }

    @Override
    public String toString() {
        return "WordTokenizer[lowercase=" + lowercase + "]";
    }
}
