package org.seq2seq.core.train;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.batch.PairSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: epochs of teacher-forced {@link TrainingStep}s over length-bucketed
 * batches, validation loss and perplexity (and optionally BLEU) after each epoch, early stopping
 * on the figure {@link TrainingConfig#selectBy()} names, and {@link Checkpoints} after every epoch (and every N steps) from which a run resumes
 * exactly: the batch order depends only on the seed and the epoch, and the random numbers of
 * each step (dropout) only on the seed and the step.
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** Hears about every step and epoch, e.g. for tests and progress displays. */
    public interface Listener {
        /** Training starts (or resumes) from {@code state} with these settings. */
        default void trainingStarted(TrainingConfig config, TrainingState state) {
        }

        /** An epoch starts (or resumes at {@code state.batchesDone()}); its batch count if known. */
        default void epochStarted(TrainingState state, OptionalLong batches) {
        }

        default void step(TrainingState state, TrainingStep.Result result) {
        }

        /** The epoch's last batch is trained on; validation comes next. */
        default void epochTrained(TrainingState state) {
        }

        default void epoch(EpochResult result) {
        }

        /** After an epoch's checkpoint is written; {@code state.history()} holds every epoch so far. */
        default void epochSaved(TrainingState state) {
        }
    }

    private final TrainingConfig config;
    private final PairSource train;
    private final PairSource validation;
    private final Checkpoints checkpoints;
    private final java.util.List<Listener> listeners = new java.util.ArrayList<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private BatchRunner.Factory runners = BatchRunner.local();
    private EpochScorer bleu;
    private boolean logSteps = true;
    /** The step of the last step checkpoint this trainer wrote, -1 before the first. */
    private long lastSavedSteps = -1;

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

    /** Validation BLEU after each epoch (reported, and the selection figure with {@code selectBy BLEU}). */
    public Trainer bleu(EpochScorer bleu) {
        this.bleu = bleu;
        return this;
    }

    /**
     * Whether progress lines are logged every {@code logEvery} steps at INFO (the default) or at
     * DEBUG only, for when a progress bar shows the same.
     */
    public Trainer logSteps(boolean logSteps) {
        this.logSteps = logSteps;
        return this;
    }

    /** What takes the steps (default: this machine, {@link BatchRunner#local()}). */
    public Trainer batchRunner(BatchRunner.Factory v) {
        runners = Objects.requireNonNull(v, "batch runner");
        return this;
    }

    /** Adds a listener; listeners hear of events in the order they were added. */
    public Trainer listener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
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
        if (config.selectBy() == TrainingConfig.Selection.BLEU && bleu == null) {
            throw new IllegalArgumentException("selecting the best model by BLEU needs validation BLEU: a validation "
                    + "corpus and a BLEU sample above 0");
        }
        ComputationGraph graph = model.graph();
        if (state.learningRate() > 0) {
            Seq2SeqGraph.setLearningRate(graph, state.learningRate());      // the schedule's, as saved
        }
        try (BatchRunner stepper = runners.create(graph, config)) {
            return train(model, state, stepper);
        }
    }

    private TrainingState train(Seq2SeqModel model, TrainingState state, BatchRunner stepper) throws IOException {
        ComputationGraph graph = model.graph();
        for (Listener l : listeners) {
            l.trainingStarted(config, state);
        }
        Progress progress = new Progress(config.maxEpochs(), config.maxMinutes());
        long sessionStart = System.nanoTime();
        OptionalLong pairs = train.size();
        OptionalLong batchesPerEpoch = pairs.isPresent()
                ? OptionalLong.of((pairs.getAsLong() + config.batchSize() - 1) / config.batchSize()) : OptionalLong.empty();
        try (BucketBatchIterator batches = BucketBatchIterator.builder(train).batchSize(config.batchSize())
                .poolSize(config.poolPairs() == 0 ? Integer.MAX_VALUE : config.poolPairs())
                .seed(config.seed()).lengthLimits(config.lengthLimits()).build()) {
            while (state.epoch() < config.maxEpochs()) {
                batches.setEpoch(state.epoch());
                for (int i = 0; i < state.batchesDone(); i++) {
                    batches.nextBatch();                   // trained on before the checkpoint we resumed from
                }
                graph.getConfiguration().setEpochCount(state.epoch());
                TrainingState started = state;
                OptionalLong expected = batchesPerEpoch;
                listeners.forEach(l -> l.epochStarted(started, expected));
                while (batches.hasNext()) {
                    state = step(graph, stepper, batches.nextBatch(), state, progress);
                    if (state.steps() % config.logEvery() == 0) {
                        String line = progress.line(state, batchesPerEpoch);
                        if (logSteps) {
                            log.info(line);
                        } else {
                            log.debug(line);
                        }
                    }
                    boolean more = batches.hasNext();
                    if (more && config.checkpointEvery() > 0 && state.steps() % config.checkpointEvery() == 0) {
                        stepper.synchronize();
                        checkpoint(model, state, false);
                    }
                    if (stopRequested.get()) {
                        TrainingState stopped = state;
                        listeners.forEach(l -> l.epochTrained(stopped));
                        stepper.synchronize();
                        String name = checkpoint(model, state, false);
                        log.info("stopped on request after step {}; saved {}, resume to go on", state.steps(), name);
                        return state;
                    }
                    if (more && outOfTime(sessionStart)) {
                        TrainingState stopped = state;
                        listeners.forEach(l -> l.epochTrained(stopped));
                        stepper.synchronize();
                        String name = checkpoint(model, state, false);
                        log.info("time limit of {} minutes reached; saved {}, resume to go on", config.maxMinutes(),
                                name);
                        return state;
                    }
                }
                batchesPerEpoch = OptionalLong.of(batches.stats().batches());
                TrainingState trained = state;
                listeners.forEach(l -> l.epochTrained(trained));
                stepper.synchronize();
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

    private TrainingState step(ComputationGraph graph, BatchRunner stepper, PaddedBatch batch, TrainingState state,
                               Progress progress) {
        Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + state.steps());   // dropout masks, same on resume
        config.restarts().ifPresent(restarts -> {                              // a function of the step: exact on resume
            if (restarts.restartsAt(state.steps())) {
                log.info("learning rate restarts at {} (step {})", config.learningRate(), state.steps());
            }
            Seq2SeqGraph.setLearningRate(graph, restarts.rate(state.steps()));
        });
        long start = System.nanoTime();
        TrainingStep.Result result;
        try {
            result = stepper.run(batch, state.steps());
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
        listeners.forEach(l -> l.step(next, result));
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
        double validationBleu = Double.NaN;
        if (bleu != null) {
            long start = System.nanoTime();
            validationBleu = bleu.score(model);
            log.debug("validation BLEU took {}", Durations.format((System.nanoTime() - start) / 1e9));
        }
        EpochResult result = state.epochResult(validationLoss, validationBleu);
        boolean improved = improves(result, state);
        String name = Checkpoints.name(state.steps());
        TrainingState next = state.nextEpoch(result, improved, name);
        if (config.patience() > 0 && next.epochsWithoutImprovement() >= config.patience()
                && next.epoch() < config.maxEpochs()) {
            next = next.stoppedBecause(String.format("early stopping: no better validation %s in %d epochs "
                    + "(best %s)", config.selectBy().figure(), config.patience(),
                    next.bestEpoch().map(config.selectBy()::format).orElse("-")));
        }
        if (config.learningRateDecay() < 1 && !improved && next.stopped() == null
                && next.epochsWithoutImprovement() % config.decayPatience() == 0) {
            double before = next.learningRate(config.learningRate());
            double after = before * config.learningRateDecay();
            Seq2SeqGraph.setLearningRate(model.graph(), after);
            next = next.withLearningRate(after);
            log.info(String.format("learning rate %.3g -> %.3g: no better validation %s in %d epochs", before, after,
                    config.selectBy().figure(), next.epochsWithoutImprovement()));
        }
        checkpoints.save(model, config, next, improved);
        String validated = validation == null && bleu == null ? "no validation corpus" : String.format(
                "validation %s%s%s", result.validated() ? String.format("loss %.4f, perplexity %.2f",
                        result.validationLoss(), result.validationPerplexity()) : "",
                result.hasBleu() ? String.format("%sBLEU %.2f", result.validated() ? ", " : "", result.validationBleu())
                        : "", improved ? " (best so far)" : "");
        log.info(String.format("epoch %d/%d done: training loss %.4f, %s; %.0f target tokens/s (%.0f source), %s; "
                        + "saved %s%s", result.epoch() + 1, config.maxEpochs(), result.trainingLoss(), validated,
                result.targetTokensPerSecond(), result.sourceTokensPerSecond(), Durations.format(result.seconds()),
                name, next.stopped() == null ? "" : "; " + next.stopped()));
        TrainingState saved = next;
        listeners.forEach(l -> l.epoch(result));
        listeners.forEach(l -> l.epochSaved(saved));
        return next;
    }

    /**
     * Whether {@code result} is better than the best epoch of {@code state} by the selection
     * figure; an epoch without that figure (no validation corpus) counts as the best.
     */
    private boolean improves(EpochResult result, TrainingState state) {
        Optional<EpochResult> best = state.bestEpoch();
        TrainingConfig.Selection by = config.selectBy();
        return best.isEmpty() || !by.measured(result) || by.better(result, best.get());
    }

    /**
     * Saves a step checkpoint, unless the one of this very step was just saved (a stop requested
     * while a {@code checkpointEvery} checkpoint was being written, say): then that one stands.
     */
    private String checkpoint(Seq2SeqModel model, TrainingState state, boolean best) throws IOException {
        if (state.steps() == lastSavedSteps) {
            return Checkpoints.name(state.steps());
        }
        String name = checkpoints.save(model, config, state, best);
        lastSavedSteps = state.steps();
        log.info("saved checkpoint {}", name);
        return name;
    }

    private boolean outOfTime(long sessionStart) {
        return config.maxMinutes() > 0 && (System.nanoTime() - sessionStart) / 6e10 >= config.maxMinutes();
    }
}
