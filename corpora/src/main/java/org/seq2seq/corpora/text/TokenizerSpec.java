package org.seq2seq.corpora.text;

import java.util.Objects;

/**
 * The settings that recreate a {@link Tokenizer}: saved with a model so that translation
 * tokenizes exactly as training did.
 *
 * @param kind      which tokenizer
 * @param lowercase whether it lowercases its input
 */
public record TokenizerSpec(Kind kind, boolean lowercase) {
    /** The tokenizers there are. */
    public enum Kind {
        /** {@link WordTokenizer} */
        WORD,
        /** {@link CharacterTokenizer} */
        CHARACTER
    }

    public TokenizerSpec {
        Objects.requireNonNull(kind, "kind");
    }

    /** A new tokenizer with these settings. */
    public Tokenizer create() {
        return kind == Kind.WORD ? new WordTokenizer(lowercase) : new CharacterTokenizer(lowercase);
    }

    /** The settings of {@code tokenizer}, one of this package's tokenizers. */
    public static TokenizerSpec of(Tokenizer tokenizer) {
        if (tokenizer instanceof WordTokenizer word) {
            return new TokenizerSpec(Kind.WORD, word.lowercase());
        }
        if (tokenizer instanceof CharacterTokenizer character) {
            return new TokenizerSpec(Kind.CHARACTER, character.lowercase());
        }
        throw new IllegalArgumentException("no saved form for tokenizer " + tokenizer.getClass().getName());
    }
}
