package org.seq2seq.app.progress;

import java.util.Locale;
import java.util.OptionalLong;
import me.tongfei.progressbar.ProgressBar;
import org.seq2seq.core.train.Trainer;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingState;
import org.seq2seq.core.train.TrainingStep;

/**
 * A bar per epoch (batches done of the epoch's batches, rate, time to go, running loss) while a
 * {@link Trainer} runs; the epoch's summary line is logged after the bar closes.
 */
public final class TrainingBar implements Trainer.Listener, AutoCloseable {
    private int epochs;
    private ProgressBar bar;
    private double lossSum;
    private long tokens;

    @Override
    public void trainingStarted(TrainingConfig config, TrainingState state) {
        epochs = config.maxEpochs();      // for the bar's title
    }

    @Override
    public void epochStarted(TrainingState state, OptionalLong batches) {
        close();
        bar = Bars.start(String.format("epoch %d/%d", state.epoch() + 1, epochs), batches.orElse(-1), "batch");
        bar.stepTo(state.batchesDone());
        lossSum = 0;
        tokens = 0;
    }

    @Override
    public void step(TrainingState state, TrainingStep.Result result) {
        if (bar == null) {
            return;
        }
        lossSum += result.loss() * result.tokens();
        tokens += result.tokens();
        bar.stepTo(state.batchesDone());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", lossSum / Math.max(1, tokens)));
    }

    @Override
    public void epochTrained(TrainingState state) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
