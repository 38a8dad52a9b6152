package org.seq2seq.corpora.text;

import java.util.List;

/**
 * Turns a sentence into tokens and tokens back into a sentence. Implementations are immutable
 * and thread-safe; no token they produce is empty or holds a {@link Whitespace} separator.
 */
public interface Tokenizer {

    /** The tokens of a sentence; an empty list for blank text. */
    List<String> tokenize(String text);

    /** A natural sentence from tokens, e.g. no space before a full stop. */
    String detokenize(List<String> tokens);
}
