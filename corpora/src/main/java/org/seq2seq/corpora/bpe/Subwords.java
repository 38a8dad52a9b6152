package org.seq2seq.corpora.bpe;

import java.util.ArrayList;
import java.util.List;

/** The subword-nmt convention for pieces of words: every piece but a word's last ends in {@code @@}. */
public final class Subwords {
    /** Ends every piece of a word but its last, as subword-nmt's default separator. */
    public static final String SEPARATOR = "@@";

    private Subwords() {
    }

    /**
     * Puts words back together: a token ending in {@link #SEPARATOR} is joined to the next
     * ({@code ["oran@@", "ge@@", "farben"]} → {@code ["orangefarben"]}). A piece left open at the
     * end (a model may stop inside a word) becomes a word without its separator.
     */
    public static List<String> join(List<String> tokens) {
        List<String> words = new ArrayList<>(tokens.size());
        StringBuilder open = new StringBuilder();
        for (String token : tokens) {
            if (token.endsWith(SEPARATOR) && token.length() > SEPARATOR.length()) {
                open.append(token, 0, token.length() - SEPARATOR.length());
            } else {
                words.add(open.isEmpty() ? token : open.append(token).toString());
                open.setLength(0);
            }
        }
        if (!open.isEmpty()) {
            words.add(open.toString());
        }
        return words;
    }

    /**
     * A segmented line with its words put back together, as subword-nmt users do with
     * {@code sed -r 's/(@@ )|(@@ ?$)//g'}: every separator followed by a space or ending the line
     * is removed, nothing else changes.
     */
    public static String joinLine(String line) {
        return JOINER.matcher(line).replaceAll("");
    }

    private static final java.util.regex.Pattern JOINER = java.util.regex.Pattern.compile("@@( |$)");
}
