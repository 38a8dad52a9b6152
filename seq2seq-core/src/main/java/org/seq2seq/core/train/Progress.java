package org.seq2seq.core.train;

import java.util.OptionalLong;

/**
 * The progress line logged every few steps: loss since the last line, speed, elapsed time and
 * what remains at the current speed.
 */
final class Progress {
    private final int maxEpochs;
    private final double maxMinutes;
    private final long start = System.nanoTime();
    private double lossSum;
    private long targetTokens;
    private long sourceTokens;
    private double seconds;
    private double sessionSeconds;
    private long sessionSteps;

    /**
     * @param maxEpochs  the run's last epoch
     * @param maxMinutes the session's time limit, 0 for none
     */
    Progress(int maxEpochs, double maxMinutes) {
        this.maxEpochs = maxEpochs;
        this.maxMinutes = maxMinutes;
    }

    void add(double loss, long target, long source, double stepSeconds) {
        lossSum += loss * target;
        targetTokens += target;
        sourceTokens += source;
        seconds += stepSeconds;
        sessionSeconds += stepSeconds;
        sessionSteps++;
    }

    /**
     * The line, and a fresh window for the next one.
     *
     * @param batchesPerEpoch batches in an epoch, if known
     */
    String line(TrainingState state, OptionalLong batchesPerEpoch) {
        StringBuilder s = new StringBuilder(String.format("epoch %d/%d, batch %d", state.epoch() + 1, maxEpochs,
                state.batchesDone()));
        batchesPerEpoch.ifPresent(n -> s.append('/').append(n));
        s.append(String.format(", step %d: loss %.4f, %.0f target tokens/s (%.0f source), elapsed %s",
                state.steps(), lossSum / Math.max(1, targetTokens), targetTokens / Math.max(1e-9, seconds),
                sourceTokens / Math.max(1e-9, seconds), Durations.format(state.trainingSeconds())));
        if (batchesPerEpoch.isPresent()) {
            double perStep = sessionSeconds / sessionSteps;
            long inEpoch = Math.max(0, batchesPerEpoch.getAsLong() - state.batchesDone());
            long toEnd = inEpoch + (long) (maxEpochs - state.epoch() - 1) * batchesPerEpoch.getAsLong();
            double toLimit = maxMinutes * 60 - (System.nanoTime() - start) / 1e9;
            s.append(String.format(", remaining ~%s in this epoch, ", Durations.format(inEpoch * perStep)));
            s.append(maxMinutes > 0 && toLimit < toEnd * perStep
                    ? String.format("~%s to the time limit", Durations.format(Math.max(0, toLimit)))
                    : String.format("~%s to epoch %d", Durations.format(toEnd * perStep), maxEpochs));
        }
        lossSum = 0;
        targetTokens = 0;
        sourceTokens = 0;
        seconds = 0;
        return s.toString();
    }
}
