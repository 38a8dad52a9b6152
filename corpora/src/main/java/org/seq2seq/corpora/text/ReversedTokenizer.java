package org.seq2seq.corpora.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Another tokenizer's tokens in reverse order, for source sentences: with a context vector taken
 * from the encoder's last state, the first source words then lie nearest the first target words
 * (Sutskever et al. 2014). Detokenizing restores the order.
 *
 * @param tokenizer the tokenizer whose tokens are reversed
 */
public record ReversedTokenizer(Tokenizer tokenizer) implements Tokenizer {
    public ReversedTokenizer {
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    @Override
    public List<String> tokenize(String text) {
        return reversed(tokenizer.tokenize(text));
    }

    @Override
    public String detokenize(List<String> tokens) {
        return tokenizer.detokenize(reversed(tokens));
    }

    private static List<String> reversed(List<String> tokens) {
        List<String> copy = new ArrayList<>(tokens);
        Collections.reverse(copy);
        return copy;
    }
}
