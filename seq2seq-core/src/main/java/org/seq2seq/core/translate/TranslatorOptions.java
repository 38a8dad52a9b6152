package org.seq2seq.core.translate;

import java.util.Objects;
import org.seq2seq.decoder.search.LengthPenalty;
import org.seq2seq.decoder.search.SearchOptions;
import org.seq2seq.nn.runtime.Compute;

/**
 * How a {@link Translator} searches and what it does with long input.
 *
 * @param search          beam size (1: greedy search), length penalty, output length limits
 * @param maxSourceTokens longer source sentences are cut to this many tokens (with a warning),
 *                        as training leaves longer pairs out
 * @param batchSize       sentences encoded and searched together by {@link Translator#translate(java.util.List)}
 * @param compute         threads per search ({@link Compute#threads()}) and searches at once
 *                        ({@link Compute#workers()}): a call from a thread while every worker is
 *                        searching runs on that thread alone
 * @param shortlist       whether a search scores only each sentence's shortlist of target tokens
 *                        when the model has one ({@link org.seq2seq.core.model.Seq2SeqModel#shortlist()}),
 *                        rather than the whole vocabulary; its log-probabilities (and so the
 *                        translations' scores) are then normalized over the tokens scored
 * @param terminology     a term list whose target terms become constraints of the sentences that
 *                        hold their source terms ({@link Terminology}); null for none
 */
public record TranslatorOptions(SearchOptions search, int maxSourceTokens, int batchSize, Compute compute,
                                boolean shortlist, Terminology terminology) {
    /** Options without a term list. */
    public TranslatorOptions(SearchOptions search, int maxSourceTokens, int batchSize, Compute compute,
                             boolean shortlist) {
        this(search, maxSourceTokens, batchSize, compute, shortlist, null);
    }

    /** Options that use the model's shortlist when it has one. */
    public TranslatorOptions(SearchOptions search, int maxSourceTokens, int batchSize, Compute compute) {
        this(search, maxSourceTokens, batchSize, compute, true);
    }

    public TranslatorOptions {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(compute, "compute");
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
     * {@value #DEFAULT_MAX_SOURCE_TOKENS} tokens, batches of 32, one search at a time on as many
     * threads as the JVM sees processors ({@link Compute#defaults()}).
     *
     * @throws IllegalArgumentException when {@value Compute#THREADS_VARIABLE} is set but not a
     *                                  positive number
     */
    public static TranslatorOptions defaults() {
        return new TranslatorOptions(SearchOptions.builder().build(), DEFAULT_MAX_SOURCE_TOKENS, 32, Compute.defaults());
    }

    /** These options with beam size {@code k} (1: greedy search). */
    public TranslatorOptions withBeamSize(int k) {
        return new TranslatorOptions(search.withBeamSize(k), maxSourceTokens, batchSize, compute, shortlist, terminology);
    }

    /** These options returning the {@code k} best translations (the beam at least {@code k}). */
    public TranslatorOptions withNBest(int k) {
        return new TranslatorOptions(search.withNBest(k), maxSourceTokens, batchSize, compute, shortlist, terminology);
    }

    /** These options with another length penalty. */
    public TranslatorOptions withLengthPenalty(LengthPenalty penalty) {
        return new TranslatorOptions(search.toBuilder().lengthPenalty(penalty).build(), maxSourceTokens, batchSize, compute, shortlist, terminology);
    }

    /** These options with GNMT's coverage penalty weight β (0: none), for beam search with attention. */
    public TranslatorOptions withCoveragePenalty(double beta) {
        return new TranslatorOptions(search.toBuilder().coveragePenalty(beta).build(), maxSourceTokens, batchSize, compute, shortlist, terminology);
    }

    /** These options never writing an n-gram of output tokens twice in one translation (0: no limit). */
    public TranslatorOptions withNoRepeatNgram(int n) {
        return new TranslatorOptions(search.toBuilder().noRepeatNgram(n).build(), maxSourceTokens, batchSize, compute, shortlist, terminology);
    }

    public TranslatorOptions withMaxSourceTokens(int tokens) {
        return new TranslatorOptions(search, tokens, batchSize, compute, shortlist, terminology);
    }

    /** These options with {@code n} threads per search. */
    public TranslatorOptions withThreads(int n) {
        return withCompute(compute.withThreads(n));
    }

    /** These options with other threads and workers. */
    public TranslatorOptions withCompute(Compute c) {
        return new TranslatorOptions(search, maxSourceTokens, batchSize, c, shortlist, terminology);
    }

    /**
     * These options using the model's shortlist when it has one ({@code true}, the default) or
     * always scoring the whole target vocabulary.
     */
    public TranslatorOptions withShortlist(boolean use) {
        return new TranslatorOptions(search, maxSourceTokens, batchSize, compute, use, terminology);
    }

    public TranslatorOptions withBatchSize(int sentences) {
        return new TranslatorOptions(search, maxSourceTokens, sentences, compute, shortlist, terminology);
    }

    /**
     * These options giving each sentence the target terms of the source terms it holds as
     * constraints (null: no term list); they need beam search.
     */
    public TranslatorOptions withTerminology(Terminology terms) {
        return new TranslatorOptions(search, maxSourceTokens, batchSize, compute, shortlist, terms);
    }
}
