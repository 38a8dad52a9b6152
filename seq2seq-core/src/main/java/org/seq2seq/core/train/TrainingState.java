package org.seq2seq.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a training run stands; saved with every checkpoint (as {@code training-state.json}) so
 * that a resumed run starts at the next batch and reports its epoch as an uninterrupted run would.
 *
 * @param epoch                    the epoch in progress (from 0)
 * @param batchesDone              batches of that epoch already trained on
 * @param steps                    optimisation steps done in all
 * @param epochLossSum             sum of the token losses over the epoch's batches so far
 * @param epochTargetTokens        real target tokens in the epoch's batches so far
 * @param epochSourceTokens        real source tokens in the epoch's batches so far
 * @param epochSeconds             training time of the epoch so far
 * @param trainingSeconds          training time over all epochs and sessions, validation excluded
 * @param bestValidationLoss       validation loss of the best epoch so far; NaN before the first
 * @param bestCheckpoint           name of the best epoch's checkpoint; null before the first
 * @param epochsWithoutImprovement epochs since the best one
 * @param history                  every finished epoch
 * @param stopped                  why the run stopped for good (early stopping), null while it can go on
 * @param learningRate             the learning rate of the steps to come, as the schedule
 *                                 ({@link TrainingConfig#learningRateDecay()}) has set it; 0 in runs
 *                                 saved before schedules existed: the configured one
 */
public record TrainingState(int epoch, int batchesDone, long steps, double epochLossSum, long epochTargetTokens,
                            long epochSourceTokens, double epochSeconds, double trainingSeconds,
                            double bestValidationLoss, String bestCheckpoint, int epochsWithoutImprovement,
                            List<EpochResult> history, String stopped, double learningRate) {
    public TrainingState {
        history = List.copyOf(Objects.requireNonNull(history, "history"));
    }

    /** A state with the configured learning rate (see {@link #learningRate()}). */
    public TrainingState(int epoch, int batchesDone, long steps, double epochLossSum, long epochTargetTokens,
                         long epochSourceTokens, double epochSeconds, double trainingSeconds,
                         double bestValidationLoss, String bestCheckpoint, int epochsWithoutImprovement,
                         List<EpochResult> history, String stopped) {
        this(epoch, batchesDone, steps, epochLossSum, epochTargetTokens, epochSourceTokens, epochSeconds,
                trainingSeconds, bestValidationLoss, bestCheckpoint, epochsWithoutImprovement, history, stopped, 0);
    }

    /** The learning rate of the steps to come: the schedule's, or {@code configured} before it changed it. */
    public double learningRate(double configured) {
        return learningRate > 0 ? learningRate : configured;
    }

    /** This state with the schedule's learning rate for the steps to come. */
    TrainingState withLearningRate(double rate) {
        return new TrainingState(epoch, batchesDone, steps, epochLossSum, epochTargetTokens, epochSourceTokens,
                epochSeconds, trainingSeconds, bestValidationLoss, bestCheckpoint, epochsWithoutImprovement, history,
                stopped, rate);
    }

    /** A run that has not started. */
    public static TrainingState start() {
        return new TrainingState(0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, null, 0, List.of(), null, 0);
    }

    /** After one more step on a batch. */
    TrainingState afterStep(double loss, long targetTokens, long sourceTokens, double seconds) {
        return new TrainingState(epoch, batchesDone + 1, steps + 1, epochLossSum + loss * targetTokens,
                epochTargetTokens + targetTokens, epochSourceTokens + sourceTokens, epochSeconds + seconds,
                trainingSeconds + seconds, bestValidationLoss, bestCheckpoint, epochsWithoutImprovement, history,
                stopped, learningRate);
    }

    /** The epoch in progress as a result, with its validation loss and BLEU (NaN for none). */
    EpochResult epochResult(double validationLoss, double validationBleu) {
        return new EpochResult(epoch, steps, epochLossSum / Math.max(1, epochTargetTokens), validationLoss,
                Math.exp(validationLoss), epochTargetTokens / Math.max(1e-9, epochSeconds),
                epochSourceTokens / Math.max(1e-9, epochSeconds), epochSeconds, validationBleu);
    }

    /** The best epoch so far, if any finished with its checkpoint marked best. */
    public Optional<EpochResult> bestEpoch() {
        if (bestCheckpoint == null) {
            return Optional.empty();
        }
        return history.stream().filter(e -> Checkpoints.name(e.steps()).equals(bestCheckpoint)).findFirst();
    }

    /** At the start of the next epoch, {@code result} added to the history. */
    TrainingState nextEpoch(EpochResult result, boolean improved, String checkpoint) {
        List<EpochResult> all = new ArrayList<>(history);
        all.add(result);
        return new TrainingState(epoch + 1, 0, steps, 0, 0, 0, 0, trainingSeconds,
                improved ? result.validationLoss() : bestValidationLoss, improved ? checkpoint : bestCheckpoint,
                improved ? 0 : epochsWithoutImprovement + 1, all, stopped, learningRate);
    }

    /** Stopped for good. */
    TrainingState stoppedBecause(String reason) {
        return new TrainingState(epoch, batchesDone, steps, epochLossSum, epochTargetTokens, epochSourceTokens,
                epochSeconds, trainingSeconds, bestValidationLoss, bestCheckpoint, epochsWithoutImprovement, history,
                reason, learningRate);
    }
}
