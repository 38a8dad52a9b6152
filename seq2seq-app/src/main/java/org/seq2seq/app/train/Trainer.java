package org.seq2seq.app.train;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.app.model.Seq2SeqModel;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.corpora.batch.LengthLimits;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.batch.PairSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: epochs of teacher-forced {@link TrainingStep}s over length-bucketed
 * batches, validation loss and perplexity after each epoch, early stopping on the validation
 * loss, and {@link Checkpoints} after every epoch (and every N steps) from which a run resumes
 * exactly: the batch order depends only on the seed and the epoch, and the random numbers of
 * each step (dropout) only on the seed and the step.
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** Hears about every step and epoch, e.g. for tests and progress displays. */
    public interface Listener {
        default void step(TrainingState state, TrainingStep.Result result) {
        }

        default void epoch(EpochResult result) {
        }
    }

    private final TrainingConfig config;
    private final PairSource train;
    private final PairSource validation;
    private final Checkpoints checkpoints;
    private Listener listener = new Listener() {
    };
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /**
     * @param train       the training pairs
     * @param validation  the validation pairs, or null to train without validation (then every
     *                    epoch's checkpoint counts as the best and there is no early stopping)
     * @param checkpoints the run's output directory
     */
    public Trainer(TrainingConfig config, PairSource train, PairSource validation, Checkpoints checkpoints) {
        this.config = Objects.requireNonNull(config, "config");
        this.train = Objects.requireNonNull(train, "train");
        this.validation = validation;
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /**
     * Asks a running {@link #train} to stop after its current step, with a checkpoint to resume
     * from (for Ctrl-C). Any thread may call it.
     */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    public Trainer listener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Trains {@code model} from {@code state} until the last epoch, early stopping or the time
     * limit, whichever comes first.
     *
     * @return the state at the end, as saved in the last checkpoint
     * @throws TrainingFailedException if the loss becomes NaN or infinite; the last checkpoint
     *                                 written stays the latest
     */
    public TrainingState train(Seq2SeqModel model, TrainingState state) throws IOException {
        if (state.stopped() != null) {
            log.info("the run has already stopped: {}", state.stopped());
            return state;
        }
        ComputationGraph graph = model.graph();
        TrainingStep stepper = new TrainingStep(graph, config.clipNorm());
        Progress progress = new Progress(config.maxEpochs());
        long sessionStart = System.nanoTime();
        OptionalLong batchesPerEpoch = train instanceof InMemoryPairs pairs
                ? OptionalLong.of((pairs.size() + config.batchSize() - 1) / config.batchSize()) : OptionalLong.empty();
        try (BucketBatchIterator batches = BucketBatchIterator.builder(train).batchSize(config.batchSize())
                .seed(config.seed()).lengthLimits(LengthLimits.drop(config.maxLength(), config.maxLength())).build()) {
            while (state.epoch() < config.maxEpochs()) {
                batches.setEpoch(state.epoch());
                for (int i = 0; i < state.batchesDone(); i++) {
                    batches.nextBatch();                   // trained on before the checkpoint we resumed from
                }
                graph.getConfiguration().setEpochCount(state.epoch());
                while (batches.hasNext()) {
                    state = step(stepper, batches.nextBatch(), state, progress);
                    if (state.steps() % config.logEvery() == 0) {
                        log.info(progress.line(state, batchesPerEpoch));
                    }
                    boolean more = batches.hasNext();
                    if (more && config.checkpointEvery() > 0 && state.steps() % config.checkpointEvery() == 0) {
                        checkpoint(model, state, false);
                    }
                    if (stopRequested.get()) {
                        String name = checkpoint(model, state, false);
                        log.info("stopped on request after step {}; saved {}, resume to go on", state.steps(), name);
                        return state;
                    }
                    if (more && outOfTime(sessionStart)) {
                        String name = checkpoint(model, state, false);
                        log.info("time limit of {} minutes reached; saved {}, resume to go on", config.maxMinutes(),
                                name);
                        return state;
                    }
                }
                batchesPerEpoch = OptionalLong.of(batches.stats().batches());
                state = endEpoch(model, state);
                if (state.stopped() != null || outOfTime(sessionStart)) {
                    break;
                }
            }
        }
        log.info("training done after {} epochs, {} steps, {}{}", state.history().size(), state.steps(),
                Durations.format(state.trainingSeconds()),
                state.bestCheckpoint() == null ? "" : "; best checkpoint " + state.bestCheckpoint());
        return state;
    }

    private TrainingState step(TrainingStep stepper, PaddedBatch batch, TrainingState state, Progress progress) {
        Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + state.steps());   // dropout masks, same on resume
        long start = System.nanoTime();
        TrainingStep.Result result;
        try {
            result = stepper.run(batch.toMultiDataSet(DataType.FLOAT));
        } catch (NonFiniteLossException e) {
            String last;
            try {
                last = checkpoints.latest().map(p -> "the last good checkpoint, " + p + ", is kept")
                        .orElse("no checkpoint had been written yet");
            } catch (IOException io) {
                last = "the last checkpoint cannot be named (" + io.getMessage() + ")";
            }
            throw new TrainingFailedException(String.format("training stopped at epoch %d, batch %d, step %d: %s; "
                            + "%s. A lower learning rate or clipping norm may help.", state.epoch() + 1,
                    state.batchesDone() + 1, state.steps() + 1, e.getMessage(), last), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.add(result.loss(), result.tokens(), batch.realSourceTokens(), seconds);
        TrainingState next = state.afterStep(result.loss(), result.tokens(), batch.realSourceTokens(), seconds);
        listener.step(next, result);
        return next;
    }

    private TrainingState endEpoch(Seq2SeqModel model, TrainingState state) throws IOException {
        double validationLoss = Double.NaN;
        if (validation != null) {
            long start = System.nanoTime();
            try (BucketBatchIterator batches = BucketBatchIterator.builder(validation).batchSize(config.batchSize())
                    .shuffle(false).build()) {
                validationLoss = Validation.run(model.graph(), batches).loss();
            }
            log.debug("validation took {}", Durations.format((System.nanoTime() - start) / 1e9));
        }
        EpochResult result = state.epochResult(validationLoss);
        boolean improved = validation == null || Double.isNaN(state.bestValidationLoss())
                || validationLoss < state.bestValidationLoss();
        String name = Checkpoints.name(state.steps());
        TrainingState next = state.nextEpoch(result, improved, name);
        if (config.patience() > 0 && next.epochsWithoutImprovement() >= config.patience()
                && next.epoch() < config.maxEpochs()) {
            next = next.stoppedBecause(String.format("early stopping: no better validation loss in %d epochs "
                    + "(best %.4f)", config.patience(), next.bestValidationLoss()));
        }
        checkpoints.save(model, config, next, improved);
        String validated = validation == null ? "no validation corpus" : String.format(
                "validation loss %.4f, perplexity %.2f%s", result.validationLoss(), result.validationPerplexity(),
                improved ? " (best so far)" : "");
        log.info(String.format("epoch %d/%d done: training loss %.4f, %s; %.0f target tokens/s (%.0f source), %s; "
                        + "saved %s%s", result.epoch() + 1, config.maxEpochs(), result.trainingLoss(), validated,
                result.targetTokensPerSecond(), result.sourceTokensPerSecond(), Durations.format(result.seconds()),
                name, next.stopped() == null ? "" : "; " + next.stopped()));
        listener.epoch(result);
        return next;
    }

    private String checkpoint(Seq2SeqModel model, TrainingState state, boolean best) throws IOException {
        String name = checkpoints.save(model, config, state, best);
        log.info("saved checkpoint {}", name);
        return name;
    }

    private boolean outOfTime(long sessionStart) {
        return config.maxMinutes() > 0 && (System.nanoTime() - sessionStart) / 6e10 >= config.maxMinutes();
    }
}
