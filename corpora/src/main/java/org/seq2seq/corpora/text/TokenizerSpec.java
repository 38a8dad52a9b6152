package org.seq2seq.corpora.text;

import java.util.Objects;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeSegmenter;

/**
 * The settings that recreate a {@link Tokenizer}: saved with a model so that translation
 * tokenizes exactly as training did.
 *
 * @param kind      which tokenizer
 * @param lowercase whether it lowercases its input
 * @param reversed  whether its tokens come in reverse order ({@link ReversedTokenizer}); false
 *                  in models saved before the option existed
 * @param subwords  BPE codes that split the words into subwords ({@link BpeTokenizer}), or null
 *                  for whole words; only with {@link Kind#WORD}
 */
public record TokenizerSpec(Kind kind, boolean lowercase, boolean reversed, BpeCodes subwords) {
    /** The tokenizers there are. */
    public enum Kind {
        /** {@link WordTokenizer} */
        WORD,
        /** {@link CharacterTokenizer} */
        CHARACTER
    }

    public TokenizerSpec {
        Objects.requireNonNull(kind, "kind");
        if (subwords != null && kind != Kind.WORD) {
            throw new IllegalArgumentException("subwords (BPE) split words, so they need the word tokenizer, not "
                    + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Whole tokens in reading order. */
    public TokenizerSpec(Kind kind, boolean lowercase) {
        this(kind, lowercase, false, null);
    }

    /** Whole tokens. */
    public TokenizerSpec(Kind kind, boolean lowercase, boolean reversed) {
        this(kind, lowercase, reversed, null);
    }

    /** These settings with the tokens in reverse order or in reading order. */
    public TokenizerSpec withReversed(boolean reversed) {
        return new TokenizerSpec(kind, lowercase, reversed, subwords);
    }

    /** These settings with words split by {@code codes} (null: whole words). */
    public TokenizerSpec withSubwords(BpeCodes codes) {
        return new TokenizerSpec(kind, lowercase, reversed, codes);
    }

    /** These settings for whole words, as the subwords' codes are learned on. */
    public TokenizerSpec wholeWords() {
        return new TokenizerSpec(kind, lowercase, reversed, null);
    }

    /** A new tokenizer with these settings. */
    public Tokenizer create() {
        Tokenizer tokenizer = kind == Kind.WORD ? new WordTokenizer(lowercase) : new CharacterTokenizer(lowercase);
        if (subwords != null) {
            tokenizer = new BpeTokenizer(tokenizer, new BpeSegmenter(subwords));
        }
        return reversed ? new ReversedTokenizer(tokenizer) : tokenizer;
    }

    /** The settings of {@code tokenizer}, one of this package's tokenizers. */
    public static TokenizerSpec of(Tokenizer tokenizer) {
        if (tokenizer instanceof ReversedTokenizer reversedTokenizer) {
            return of(reversedTokenizer.tokenizer()).withReversed(true);
        }
        if (tokenizer instanceof BpeTokenizer bpe) {
            return of(bpe.words()).withSubwords(bpe.segmenter().codes());
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
