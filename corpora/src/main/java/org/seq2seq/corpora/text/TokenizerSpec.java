package org.seq2seq.corpora.text;

import java.util.Objects;

/**
 * The settings that recreate a {@link Tokenizer}: saved with a model so that translation
 * tokenizes exactly as training did.
 *
 * @param kind      which tokenizer
 * @param lowercase whether it lowercases its input
 * @param reversed  whether its tokens come in reverse order ({@link ReversedTokenizer}); false
 *                  in models saved before the option existed
 */
public record TokenizerSpec(Kind kind, boolean lowercase, boolean reversed) {
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

    /** Tokens in reading order. */
    public TokenizerSpec(Kind kind, boolean lowercase) {
        this(kind, lowercase, false);
    }

    /** These settings with the tokens in reverse order or in reading order. */
    public TokenizerSpec withReversed(boolean reversed) {
        return new TokenizerSpec(kind, lowercase, reversed);
    }

    /** A new tokenizer with these settings. */
    public Tokenizer create() {
        Tokenizer tokenizer = kind == Kind.WORD ? new WordTokenizer(lowercase) : new CharacterTokenizer(lowercase);
        return reversed ? new ReversedTokenizer(tokenizer) : tokenizer;
    }

    /** The settings of {@code tokenizer}, one of this package's tokenizers. */
    public static TokenizerSpec of(Tokenizer tokenizer) {
        if (tokenizer instanceof ReversedTokenizer reversedTokenizer) {
            return of(reversedTokenizer.tokenizer()).withReversed(true);
        }
        if (tokenizer instanceof WordTokenizer word) {
            return new TokenizerSpec(Kind.WORD, word.lowercase());
        }
        if (tokenizer instanceof CharacterTokenizer character) {
            return new TokenizerSpec(Kind.CHARACTER, character.lowercase());
        }
        throw new IllegalArgumentException("no saved form for tokenizer " + tokenizer.getClass().getName());
    }
}
