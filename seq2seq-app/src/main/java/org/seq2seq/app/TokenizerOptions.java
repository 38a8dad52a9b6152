package org.seq2seq.app;

import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.text.TokenizerSpec;
import picocli.CommandLine.Option;

/** Command-line options choosing the tokenizer. */
final class TokenizerOptions {
    enum Kind { word, character, bpe }

    @Option(names = "--tokenizer", description = "word, character, or bpe (words split into subwords by "
            + "byte-pair encoding; see the --bpe options).")
    Kind kind = Kind.word;

    @Option(names = "--lowercase", description = "Lowercase all text before tokenizing.")
    boolean lowercase;

    /** Whether words are to be split into subwords. */
    boolean bpe() {
        return kind == Kind.bpe;
    }

    /** The tokenizer of whole tokens: for {@code bpe}, the words that subwords are learned on. */
    TokenizerSpec spec() {
        return new TokenizerSpec(kind == Kind.character ? TokenizerSpec.Kind.CHARACTER : TokenizerSpec.Kind.WORD,
                lowercase);
    }

    Tokenizer create() {
        return spec().create();
    }
}
