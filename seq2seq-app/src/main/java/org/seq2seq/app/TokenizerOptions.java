package org.seq2seq.app;

import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.text.TokenizerSpec;
import picocli.CommandLine.Option;

/** Command-line options choosing the tokenizer. */
final class TokenizerOptions {
    enum Kind { word, character }

    @Option(names = "--tokenizer", description = "word or character.")
    Kind kind = Kind.word;

    @Option(names = "--lowercase", description = "Lowercase all text before tokenizing.")
    boolean lowercase;

    TokenizerSpec spec() {
        return new TokenizerSpec(kind == Kind.word ? TokenizerSpec.Kind.WORD : TokenizerSpec.Kind.CHARACTER,
                lowercase);
    }

    Tokenizer create() {
        return spec().create();
    }
}
