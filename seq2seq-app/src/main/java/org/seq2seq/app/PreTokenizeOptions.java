package org.seq2seq.app;

import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.text.TokenizerSpec;
import picocli.CommandLine.Option;

/** {@code bpe}'s choice of words: what single spaces separate (subword-nmt's), or the word tokenizer's. */
final class PreTokenizeOptions {
    @Option(names = "--tokenize", description = "Split raw text with the word tokenizer first, as train "
            + "--tokenizer bpe does; without it, words are what single spaces separate, as in subword-nmt.")
    boolean tokenize;

    @Option(names = "--lowercase", description = "With --tokenize: lowercase the text first.")
    boolean lowercase;

    /** The word tokenizer, or null for words separated by spaces. */
    Tokenizer tokenizer() {
        if (lowercase && !tokenize) {
            throw new IllegalArgumentException("--lowercase goes with --tokenize");
        }
        return tokenize ? new TokenizerSpec(TokenizerSpec.Kind.WORD, lowercase).create() : null;
    }
}
