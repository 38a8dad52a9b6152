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

    /**
     * Sources longer than this are cut when nobody says otherwise: training's default
     * {@code maxLength}, beyond which it leaves pairs out.
     */
    public static final int DEFAULT_MAX_SOURCE_TOKENS = 100;

    /**
     * {@link SearchOptions}' defaults (beam search with beam {@value SearchOptions#DEFAULT_BEAM},
     * length penalty {@code length^1}, outputs up to {@code 2 × source + 10} tokens), sources up to
     * {@value #DEFAULT_MAX_SOURCE_TOKENS} tokens, batches of 32.
     */
    public static TranslatorOptions defaults() {
        return new TranslatorOptions(SearchOptions.builder().build(), DEFAULT_MAX_SOURCE_TOKENS, 32);
    }

    /** These options with beam size {@code k} (1: greedy search). */
    public TranslatorOptions withBeamSize(int k) {
        return new TranslatorOptions(search.withBeamSize(k), maxSourceTokens, batchSize);
    }

    /** These options returning the {@code k} best translations (the beam at least {@code k}). */
    public TranslatorOptions withNBest(int k) {
        return new TranslatorOptions(search.withNBest(k), maxSourceTokens, batchSize);
    }

    /** These options with another length penalty. */
    public TranslatorOptions withLengthPenalty(LengthPenalty penalty) {
        return new TranslatorOptions(search.toBuilder().lengthPenalty(penalty).build(), maxSourceTokens, batchSize);
    }

    /** These options with GNMT's coverage penalty weight β (0: none), for beam search with attention. */
    public TranslatorOptions withCoveragePenalty(double beta) {
        return new TranslatorOptions(search.toBuilder().coveragePenalty(beta).build(), maxSourceTokens, batchSize);
    }

    /** These options never writing an n-gram of output tokens twice in one translation (0: no limit). */
    public TranslatorOptions withNoRepeatNgram(int n) {
        return new TranslatorOptions(search.toBuilder().noRepeatNgram(n).build(), maxSourceTokens, batchSize);
    }

    public TranslatorOptions withMaxSourceTokens(int tokens) {
        return new TranslatorOptions(search, tokens, batchSize);
    }

    public TranslatorOptions withBatchSize(int sentences) {
        return new TranslatorOptions(search, maxSourceTokens, sentences);
    }
}
