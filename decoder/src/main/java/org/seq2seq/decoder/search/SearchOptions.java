package org.seq2seq.decoder.search;

import java.util.Objects;
import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * How a search runs. Built with {@link #builder()}; the defaults are the PyTorch reference's:
 * beam 5, length penalty {@code length^1}, at most {@code 2 × source length + 10} output tokens.
 *
 * @param beamSize       hypotheses kept per sentence (1 for greedy search)
 * @param nBest          hypotheses returned per sentence, at most {@code beamSize}
 * @param lengthPenalty  divides log-probabilities for ranking
 * @param maxLengthRatio output tokens allowed per source token ...
 * @param maxLengthExtra ... plus this many: the limit is {@code ceil(ratio × sourceLength) + extra}
 * @param minLength      END is not allowed before this many output tokens
 * @param writeUnknown   whether UNK may be written; models of subwords can spell every word, so
 *                       their translations need not say "unknown" (OpenNMT's {@code -ban_unk_token})
 * @param coveragePenalty GNMT's coverage penalty weight β (Wu et al. 2016), 0 for none: beam
 *                       search adds {@code β × Σ_j log(min(Σ_t a_tj, 1))} over the source positions
 *                       j to a finished hypothesis's score, where {@code a_tj} is the attention its
 *                       step t paid to position j, so that translations leaving source words
 *                       unread rank lower; models with attention only
 * @param noRepeatNgram  n: never write an n-gram of output tokens twice in one hypothesis
 *                       ({@link RepeatedNgrams}, fairseq's {@code --no-repeat-ngram-size}); 0 for no limit
 *
 * <p>The special tokens are {@link SpecialToken}'s: START is fed at the first step, END finishes
 * a hypothesis, and PAD and START are never written ({@link #mayWrite}).
 */
public record SearchOptions(int beamSize, int nBest, LengthPenalty lengthPenalty, double maxLengthRatio,
                            int maxLengthExtra, int minLength, boolean writeUnknown, double coveragePenalty,
                            int noRepeatNgram) {
    /** The beam size when nobody chooses one: the PyTorch reference's. */
    public static final int DEFAULT_BEAM = 5;

    public SearchOptions {
        Objects.requireNonNull(lengthPenalty, "lengthPenalty");
        if (beamSize < 1) {
            throw new IllegalArgumentException("the beam size must be at least 1, got " + beamSize);
        }
        if (nBest < 1 || nBest > beamSize) {
            throw new IllegalArgumentException("n-best must be between 1 and the beam size " + beamSize + ", got "
                    + nBest);
        }
        if (!(maxLengthRatio >= 0) || Double.isInfinite(maxLengthRatio) || maxLengthExtra < 0) {
            throw new IllegalArgumentException("the maximum length ratio and extra must be 0 or more, got "
                    + maxLengthRatio + " and " + maxLengthExtra);
        }
        if (minLength < 0) {
            throw new IllegalArgumentException("the minimum length must be 0 or more, got " + minLength);
        }
        if (!(coveragePenalty >= 0) || Double.isInfinite(coveragePenalty)) {
            throw new IllegalArgumentException("the coverage penalty must be 0 or more, got " + coveragePenalty);
        }
        if (noRepeatNgram < 0) {
            throw new IllegalArgumentException("the n of repeated n-gram blocking must be 0 or more, got "
                    + noRepeatNgram);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().beamSize(beamSize).nBest(nBest).lengthPenalty(lengthPenalty)
                .maxLength(maxLengthRatio, maxLengthExtra).minLength(minLength).writeUnknown(writeUnknown)
                .coveragePenalty(coveragePenalty).noRepeatNgram(noRepeatNgram);
    }

    /** These options returning the {@code k} best, with the beam widened to {@code k} if it is narrower. */
    public SearchOptions withNBest(int k) {
        return toBuilder().beamSize(Math.max(k, beamSize)).nBest(k).build();
    }

    /** These options with beam size {@code k} (1: greedy search), n-best cut to it if larger. */
    public SearchOptions withBeamSize(int k) {
        return toBuilder().beamSize(k).nBest(Math.min(nBest, k)).build();
    }

    /** Whether a search may write token {@code id}: never PAD or START, UNK only if {@link #writeUnknown}. */
    public boolean mayWrite(int id) {
        return SpecialToken.mayBeWritten(id) && (writeUnknown || id != SpecialToken.UNK.id());
    }

    /** The most output tokens (END included) for a source of {@code sourceLength} tokens; at least 1. */
    public int maxLength(int sourceLength) {
        return Math.max(1, (int) Math.ceil(maxLengthRatio * sourceLength) + maxLengthExtra);
    }

    /** Builds validated {@link SearchOptions}. */
    public static final class Builder {
        private int beamSize = DEFAULT_BEAM;
        private int nBest = 1;
        private LengthPenalty lengthPenalty = LengthPenalty.power(1);
        private double maxLengthRatio = 2;
        private int maxLengthExtra = 10;
        private int minLength = 0;
        private boolean writeUnknown = true;
        private double coveragePenalty = 0;
        private int noRepeatNgram = 0;

        private Builder() {
        }

        public Builder beamSize(int v) {
            beamSize = v;
            return this;
        }

        public Builder nBest(int v) {
            nBest = v;
            return this;
        }

        public Builder lengthPenalty(LengthPenalty v) {
            lengthPenalty = v;
            return this;
        }

        public Builder maxLength(double ratio, int extra) {
            maxLengthRatio = ratio;
            maxLengthExtra = extra;
            return this;
        }

        public Builder minLength(int v) {
            minLength = v;
            return this;
        }

        /** Whether UNK may be written (default: yes). */
        public Builder writeUnknown(boolean v) {
            writeUnknown = v;
            return this;
        }

        /** GNMT's coverage penalty weight β (default 0: none); beam search with attention only. */
        public Builder coveragePenalty(double beta) {
            coveragePenalty = beta;
            return this;
        }

        /** Never write an n-gram of output tokens twice in one hypothesis (default 0: no limit). */
        public Builder noRepeatNgram(int n) {
            noRepeatNgram = n;
            return this;
        }

        public SearchOptions build() {
            return new SearchOptions(beamSize, nBest, lengthPenalty, maxLengthRatio, maxLengthExtra, minLength,
                    writeUnknown, coveragePenalty, noRepeatNgram);
        }
    }
}
