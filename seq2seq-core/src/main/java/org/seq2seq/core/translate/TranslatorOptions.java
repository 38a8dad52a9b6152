package org.seq2seq.core.translate;

import java.util.Objects;
import org.seq2seq.decoder.search.LengthPenalty;
import org.seq2seq.decoder.search.SearchOptions;

/**
 * How a {@link Translator} searches and what it does with long input.
 *
 * @param search          beam size (1: greedy search), length penalty, output length limits
 * @param maxSourceTokens longer source sentences are cut to this many tokens (with a warning),
 *                        as training leaves longer pairs out
 * @param batchSize       sentences encoded and searched together by {@link Translator#translate(java.util.List)}
 */
public record TranslatorOptions(SearchOptions search, int maxSourceTokens, int batchSize) {
    public TranslatorOptions {
        Objects.requireNonNull(search, "search");
        if (maxSourceTokens < 1 || batchSize < 1) {
            throw new IllegalArgumentException("the source limit and the batch size must be at least 1, got "
                    + maxSourceTokens + " and " + batchSize);
        }
    }

    /** Beam 5, length penalty {@code length^1}, outputs up to {@code 2 × source + 10}, sources up to 100 tokens. */
    public static TranslatorOptions defaults() {
        return new TranslatorOptions(SearchOptions.builder().build(), 100, 32);
    }

    /** These options with beam size {@code k} (1: greedy search). */
    public TranslatorOptions withBeamSize(int k) {
        SearchOptions.Builder b = search.toBuilder().beamSize(k);
        return new TranslatorOptions(b.nBest(Math.min(search.nBest(), k)).build(), maxSourceTokens, batchSize);
    }

    /** These options with another length penalty. */
    public TranslatorOptions withLengthPenalty(LengthPenalty penalty) {
        return new TranslatorOptions(search.toBuilder().lengthPenalty(penalty).build(), maxSourceTokens, batchSize);
    }

    public TranslatorOptions withMaxSourceTokens(int tokens) {
        return new TranslatorOptions(search, tokens, batchSize);
    }

    public TranslatorOptions withBatchSize(int sentences) {
        return new TranslatorOptions(search, maxSourceTokens, sentences);
    }
}
