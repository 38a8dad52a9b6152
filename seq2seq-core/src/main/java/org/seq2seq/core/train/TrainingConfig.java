package org.seq2seq.core.train;

import org.seq2seq.corpora.batch.LengthLimits;

/**
 * How a model is trained; saved with every checkpoint (as {@code training.json}) so that a
 * resumed run goes on exactly as it started. Defaults follow the PyTorch reference
 * ({@code ../shared/peers/torch_seq2seq.py}): Adam at 0.001, clipping at norm 1, batches of 64.
 *
 * @param learningRate    Adam's learning rate
 * @param clipNorm        largest global L2 norm of the gradient, 0 for no clipping
 * @param batchSize       sentence pairs per batch
 * @param maxEpochs       epochs to train at most
 * @param patience        epochs without a better validation figure before stopping early; 0 never stops early
 * @param checkpointEvery also checkpoint every this many steps within an epoch; 0 only after epochs
 * @param keepCheckpoints step checkpoints kept besides the best one (older ones are deleted)
 * @param seed            seed of the initialisation, the batch order and dropout
 * @param maxLength       longest sentence in tokens, source or target; longer pairs are left out
 * @param logEvery        log progress every this many steps
 * @param maxMinutes      stop (with a checkpoint) after this much training time; 0 for no limit
 * @param selectBy        the validation figure that picks the best checkpoint and drives early stopping
 * @param learningRateDecay multiplies the learning rate after every {@code decayPatience} epochs
 *                        in a row without a better validation figure ({@link #selectBy}), in
 *                        {@code (0, 1]}; 1 (and absent in older runs): the rate stays
 * @param decayPatience   epochs without improvement before each decay, at least 1
 * @param labelSmoothing  ε of label smoothing in the training loss, in {@code [0, 1)}; 0 for none
 *                        (validation loss and perplexity are always the plain cross-entropy)
 * @param outputDropout   dropout probability on the output layer's input (the decoder's or the
 *                        attention's output, before the projection to the vocabulary) while
 *                        training, in {@code [0, 1)}; 0 (and absent in older runs) for none
 * @param recurrentDropout probability of dropping each value of the encoder's and the decoder's
 *                        recurrent states where they enter the recurrent products while training
 *                        (variational dropout: one mask per sentence for all its steps), in
 *                        {@code [0, 1)}; 0 (and absent in older runs) for none
 * @param warmRestartSteps steps per cycle of the cosine schedule with warm restarts
 *                        ({@link CosineRestarts}); 0 (and absent in older runs) for a rate that only
 *                        {@link #learningRateDecay} changes. The two schedules exclude each other.
 * @param tieEmbeddings   the target embedding and the output projection are one matrix
 *                        ({@link org.seq2seq.core.model.TiedEmbeddings}), which needs the embedding
 *                        size to equal the hidden size; false (and absent in older runs): two matrices
 * @param poolPairs       training pairs read, shuffled, sorted by length and cut into batches
 *                        together (a pool): bounds the memory a pass holds; 0 (and absent in older
 *                        runs) for the whole corpus in one pool
 */
public record TrainingConfig(double learningRate, double clipNorm, int batchSize, int maxEpochs, int patience,
                             int checkpointEvery, int keepCheckpoints, long seed, int maxLength, int logEvery,
                             double maxMinutes, Selection selectBy, double labelSmoothing,
                             double learningRateDecay, int decayPatience, double outputDropout,
                             double recurrentDropout, long warmRestartSteps, boolean tieEmbeddings,
                             int poolPairs) {
    /**
     * A million pairs to a pool: about 120 MB for pairs of 27 tokens, and 0.27% padding in
     * batches of 64 against 0.78% for 256,000 pairs and 2.3% for 64,000 (docs/performance.md,
     * large corpora).
     */
    public static final int DEFAULT_POOL_PAIRS = 1_000_000;

    /** Which validation figure decides the best checkpoint and early stopping. */
    public enum Selection {
        /** The lowest validation loss (perplexity). */
        PERPLEXITY("loss", EpochResult::validationLoss, -1, "%.4f"),
        /** The highest validation BLEU (needs a BLEU scorer on the {@link Trainer}). */
        BLEU("BLEU", EpochResult::validationBleu, +1, "%.2f");

        private final String figure;
        private final java.util.function.ToDoubleFunction<EpochResult> value;
        private final int direction;
        private final String format;

        Selection(String figure, java.util.function.ToDoubleFunction<EpochResult> value, int direction,
                  String format) {
            this.figure = figure;
            this.value = value;
            this.direction = direction;
            this.format = format;
        }

        /** Whether the epoch measured this figure. */
        public boolean measured(EpochResult e) {
            return !Double.isNaN(value.applyAsDouble(e));
        }

        /** Whether {@code candidate} beats {@code best} by this figure. */
        public boolean better(EpochResult candidate, EpochResult best) {
            return direction * (value.applyAsDouble(candidate) - value.applyAsDouble(best)) > 0;
        }

        /** The figure of {@code e}, as logged. */
        public String format(EpochResult e) {
            return String.format(format, value.applyAsDouble(e));
        }

        /** The figure's name in messages: {@code loss} or {@code BLEU}. */
        public String figure() {
            return figure;
        }
    }

    public TrainingConfig {
        selectBy = selectBy == null ? Selection.PERPLEXITY : selectBy;   // runs saved before the option existed
        learningRateDecay = learningRateDecay == 0 ? 1 : learningRateDecay;   // ... or before schedules
        decayPatience = decayPatience == 0 ? 1 : decayPatience;
        require(learningRate > 0 && Double.isFinite(learningRate), "the learning rate must be above 0", learningRate);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "the clipping norm must be 0 (none) or more", clipNorm);
        require(batchSize >= 1, "the batch size must be at least 1", batchSize);
        require(maxEpochs >= 1, "the number of epochs must be at least 1", maxEpochs);
        require(patience >= 0, "the patience must be 0 (none) or more", patience);
        require(checkpointEvery >= 0, "checkpoint-every must be 0 (after epochs only) or more", checkpointEvery);
        require(keepCheckpoints >= 1, "at least 1 checkpoint must be kept", keepCheckpoints);
        require(maxLength >= 1, "the maximum length must be at least 1", maxLength);
        require(logEvery >= 1, "log-every must be at least 1", logEvery);
        require(maxMinutes >= 0 && Double.isFinite(maxMinutes), "the time limit must be 0 (none) or more", maxMinutes);
        require(learningRateDecay > 0 && learningRateDecay <= 1, "the learning rate decay must be above 0 and at "
                + "most 1 (none)", learningRateDecay);
        require(decayPatience >= 1, "the decay patience must be at least 1 epoch", decayPatience);
        require(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be from 0 (none) to below 1",
                labelSmoothing);
        require(outputDropout >= 0 && outputDropout < 1, "the output dropout must be from 0 (none) to below 1",
                outputDropout);
        require(recurrentDropout >= 0 && recurrentDropout < 1, "the recurrent dropout must be from 0 (none) to "
                + "below 1", recurrentDropout);
        require(poolPairs == 0 || poolPairs >= batchSize, "the pool (--pool-pairs) must hold at least a batch, or be "
                + "0 for the whole corpus", poolPairs);
        require(warmRestartSteps >= 0, "the warm-restart cycle must be 0 (none) or more steps", warmRestartSteps);
        require(warmRestartSteps == 0 || learningRateDecay == 1, "warm restarts and learning-rate decay are two "
                + "schedules: choose one (learning-rate decay", learningRateDecay + ")");
    }

    /** The length limits of training batches: pairs with a side over {@link #maxLength()} tokens are left out. */
    public LengthLimits lengthLimits() {
        return LengthLimits.drop(maxLength, maxLength);
    }

    /** The defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().learningRate(learningRate).clipNorm(clipNorm).batchSize(batchSize).maxEpochs(maxEpochs)
                .patience(patience).checkpointEvery(checkpointEvery).keepCheckpoints(keepCheckpoints).seed(seed)
                .maxLength(maxLength).logEvery(logEvery).maxMinutes(maxMinutes).selectBy(selectBy)
                .labelSmoothing(labelSmoothing).learningRateDecay(learningRateDecay, decayPatience)
                .outputDropout(outputDropout).recurrentDropout(recurrentDropout).warmRestarts(warmRestartSteps)
                .tieEmbeddings(tieEmbeddings).poolPairs(poolPairs);
    }

    /** The cosine schedule with warm restarts, if the run has one. */
    public java.util.Optional<CosineRestarts> restarts() {
        return warmRestartSteps > 0 ? java.util.Optional.of(new CosineRestarts(learningRate, warmRestartSteps))
                : java.util.Optional.empty();
    }

    private static void require(boolean ok, String message, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(message + ", got " + value);
        }
    }

    /** Builds a validated {@link TrainingConfig}; every field has a working default. */
    public static final class Builder {
        private double learningRate = 0.001;
        private double clipNorm = 1.0;
        private int batchSize = 64;
        private int maxEpochs = 10;
        private int patience = 3;
        private int checkpointEvery = 0;
        private int keepCheckpoints = 2;
        private long seed = 1;
        private int maxLength = 100;
        private int logEvery = 50;
        private double maxMinutes = 0;
        private Selection selectBy = Selection.PERPLEXITY;
        private double labelSmoothing = 0;
        private double outputDropout = 0;
        private double recurrentDropout = 0;
        private long warmRestartSteps = 0;
        private boolean tieEmbeddings = false;
        private int poolPairs = DEFAULT_POOL_PAIRS;
        private double learningRateDecay = 1;
        private int decayPatience = 1;

        private Builder() {
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public Builder keepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder maxLength(int v) {
            maxLength = v;
            return this;
        }

        public Builder logEvery(int v) {
            logEvery = v;
            return this;
        }

        public Builder maxMinutes(double v) {
            maxMinutes = v;
            return this;
        }

        public Builder selectBy(Selection v) {
            selectBy = v;
            return this;
        }

        public Builder labelSmoothing(double v) {
            labelSmoothing = v;
            return this;
        }

        public Builder outputDropout(double v) {
            outputDropout = v;
            return this;
        }

        public Builder recurrentDropout(double v) {
            recurrentDropout = v;
            return this;
        }

        /** Tie the target embedding and the output projection ({@link org.seq2seq.core.model.TiedEmbeddings}). */
        public Builder tieEmbeddings(boolean v) {
            tieEmbeddings = v;
            return this;
        }

        /** A cosine schedule restarting every {@code cycleSteps} steps; 0 for none. */
        public Builder warmRestarts(long cycleSteps) {
            warmRestartSteps = cycleSteps;
            return this;
        }

        /** Multiply the learning rate by {@code factor} after every {@code patience} epochs without improvement. */
        public Builder learningRateDecay(double factor, int patience) {
            learningRateDecay = factor;
            decayPatience = patience;
            return this;
        }

        /**
         * Pairs shuffled, sorted by length and batched together; default {@link #DEFAULT_POOL_PAIRS};
         * 0 for the whole corpus.
         */
        public Builder poolPairs(int v) {
            poolPairs = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(learningRate, clipNorm, batchSize, maxEpochs, patience, checkpointEvery,
                    keepCheckpoints, seed, maxLength, logEvery, maxMinutes, selectBy, labelSmoothing,
                    learningRateDecay, decayPatience, outputDropout, recurrentDropout, warmRestartSteps, tieEmbeddings,
                    poolPairs);
        }
    }
}
