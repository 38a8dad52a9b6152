package org.seq2seq.corpora.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into user-perceived characters (Unicode extended grapheme clusters: a letter with
 * its combining accents, an emoji with its modifiers, a flag are one token each). A run of spaces becomes one {@link #SPACE} token, so that the text can
 * be written back; leading and trailing spaces are dropped. Text is put in NFC first, and
 * lowercased when asked.
 *
 * <pre>{@code
 * tokenize("Ein Hund.")  ->  [E, i, n, ▁, H, u, n, d, .]
 * }</pre>
 */
public final class CharacterTokenizer implements Tokenizer {
    /** The token standing for a space: U+2581 LOWER ONE EIGHTH BLOCK, as in SentencePiece. */
    public static final String SPACE = "\u2581";

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private final boolean lowercase;

    /** A tokenizer that keeps case. */
    public CharacterTokenizer() {
        this(false);
    }

    public CharacterTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = TextNormalizer.normalize(Objects.requireNonNull(text, "text"), lowercase);
        List<String> tokens = new ArrayList<>();
        Matcher clusters = GRAPHEME.matcher(s);
        boolean spacePending = false;
        while (clusters.find()) {
            String cluster = withoutSeparators(clusters.group());
            if (cluster.length() < clusters.end() - clusters.start()) {
                spacePending = true;
            }
            if (cluster.isEmpty()) {
                continue;
            }
            if (spacePending && !tokens.isEmpty()) {
                tokens.add(SPACE);
            }
            spacePending = false;
            tokens.add(cluster);
        }
        return tokens;
    }

    @Override
    public String detokenize(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (String token : tokens) {
            sb.append(SPACE.equals(token) ? " " : token);
        }
        return sb.toString();
    }

    private static String withoutSeparators(String cluster) {
        if (!Whitespace.containsSeparator(cluster)) {
            return cluster;
        }
        StringBuilder sb = new StringBuilder();
        cluster.codePoints().filter(cp -> !Whitespace.isSeparator(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharacterTokenizer t && t.lowercase == lowercase;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(lowercase) + 31;
    }

    @Override
    public String toString() {
        return "CharacterTokenizer[lowercase=" + lowercase + "]";
    }
}
