package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.app.model.ModelConfig;
import org.seq2seq.app.model.Seq2SeqGraph;
import org.seq2seq.app.model.Seq2SeqModel;
import org.seq2seq.app.train.Checkpoints;
import org.seq2seq.app.train.Durations;
import org.seq2seq.app.train.EpochResult;
import org.seq2seq.app.train.Trainer;
import org.seq2seq.app.train.TrainingConfig;
import org.seq2seq.app.train.TrainingState;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.vocab.CorpusCounts;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq train}: builds the vocabularies and a new model from a training corpus, or
 * resumes a run, and trains it with validation, early stopping and checkpoints.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train a translation model on a parallel corpus, checkpointing into OUTPUT_DIR.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CORPUS", description = "The training corpus: CSV or TSV, optionally .gz.")
    Path corpus;

    @Parameters(index = "1", paramLabel = "OUTPUT_DIR",
            description = "Where checkpoints go; best.txt names the best one, latest.txt the newest.")
    Path output;

    @Option(names = "--valid", paramLabel = "CORPUS", description = "Validation corpus, same layout as the "
            + "training one: its loss and perplexity are reported after each epoch and pick the best model.")
    Path validation;

    @Option(names = "--resume", description = "Continue the run in OUTPUT_DIR from its latest checkpoint, with "
            + "its saved settings (only --epochs and --max-minutes may be changed).")
    boolean resume;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Mixin
    TokenizerOptions tokenizerOptions = new TokenizerOptions();

    @Mixin
    VocabularyOptions vocabularyOptions = new VocabularyOptions();

    @Option(names = "--embedding", description = "Size of the token embeddings.")
    int embedding = 256;

    @Option(names = "--hidden", description = "Size of the encoder's and the decoder's states.")
    int hidden = 512;

    @Option(names = "--encoder-layers", description = "Stacked LSTM layers in the encoder.")
    int encoderLayers = 1;

    @Option(names = "--dropout", description = "Dropout probability on the RNNs' inputs while training.")
    double dropout = 0;

    @Option(names = "--feed-context", description = "Feed the context vector to every decoder step, not only "
            + "to its initial state.")
    boolean feedContext;

    @Option(names = "--learning-rate", description = "Adam's learning rate.")
    double learningRate = 0.001;

    @Option(names = "--clip-norm", description = "Largest global gradient norm (0: no clipping).")
    double clipNorm = 1.0;

    @Option(names = "--batch-size", description = "Sentence pairs per batch.")
    int batchSize = 64;

    @Option(names = "--epochs", description = "Epochs to train at most.")
    int epochs = 10;

    @Option(names = "--patience", description = "Stop after this many epochs without a better validation loss "
            + "(0: never stop early).")
    int patience = 3;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS",
            description = "Also checkpoint every this many steps (0: only after each epoch).")
    int checkpointEvery = 0;

    @Option(names = "--keep-checkpoints", description = "Newest checkpoints kept besides the best.")
    int keepCheckpoints = 2;

    @Option(names = "--seed", description = "Seed of the initialisation, batch order and dropout.")
    long seed = 1;

    @Option(names = "--max-length", description = "Longest sentence in tokens; longer training pairs are left out.")
    int maxLength = 100;

    @Option(names = "--log-every", paramLabel = "STEPS", description = "Log progress every this many steps.")
    int logEvery = 50;

    @Option(names = "--max-minutes", description = "Stop with a checkpoint after this much training (0: no limit).")
    double maxMinutes = 0;

    @Override
    public Integer call() throws IOException {
        Checkpoints checkpoints = new Checkpoints(output, keepCheckpoints);
        Seq2SeqModel model;
        TrainingConfig config;
        TrainingState state;
        if (resume) {
            Path latest = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
                    output + " holds no training run to resume (no " + Checkpoints.LATEST + ")"));
            Checkpoints.Checkpoint checkpoint = Checkpoints.load(latest);
            model = checkpoint.model();
            state = checkpoint.state();
            TrainingConfig.Builder b = checkpoint.config().toBuilder();
            if (given("--epochs")) {
                b.maxEpochs(epochs);
            }
            if (given("--max-minutes")) {
                b.maxMinutes(maxMinutes);
            }
            config = b.build();
            log.info("resuming from {}: epoch {}, batch {}, step {}", latest, state.epoch() + 1,
                    state.batchesDone(), state.steps());
        } else {
            if (checkpoints.exist()) {
                throw new IllegalArgumentException(output + " already holds a training run; add --resume to "
                        + "continue it, or choose another OUTPUT_DIR");
            }
            config = TrainingConfig.builder().learningRate(learningRate).clipNorm(clipNorm).batchSize(batchSize)
                    .maxEpochs(epochs).patience(patience).checkpointEvery(checkpointEvery)
                    .keepCheckpoints(keepCheckpoints).seed(seed).maxLength(maxLength).logEvery(logEvery)
                    .maxMinutes(maxMinutes).build();
            model = newModel(config);
            state = TrainingState.start();
        }

        CorpusFormat format = corpusOptions.format(corpus);
        PairEncoder encoder = new PairEncoder(model.sourceTokenizer().create(), model.sourceVocabulary(),
                model.targetTokenizer().create(), model.targetVocabulary());
        log.info("reading {}", corpus);
        InMemoryPairs train = InMemoryPairs.read(corpus, format, encoder);
        InMemoryPairs valid = null;
        if (validation != null) {
            log.info("reading {}", validation);
            valid = InMemoryPairs.read(validation, corpusOptions.format(validation), encoder);
        }
        log.info("{} training pairs{}; model: {}", train.size(),
                valid == null ? ", no validation corpus" : ", " + valid.size() + " validation pairs", model.config());

        Trainer trainer = new Trainer(config, train, valid, checkpoints);
        try (StopOnShutdown ignored = new StopOnShutdown(trainer)) {
            TrainingState end = trainer.train(model, state);
            report(end, checkpoints);
            if (trainer.stopRequested()) {
                spec.commandLine().getOut().println("interrupted: continue with the same command and --resume");
            }
        }
        return 0;
    }

    /**
     * While open, Ctrl-C (or any other JVM shutdown) asks the trainer to stop after its current
     * step and holds the JVM until the checkpoint is written and the report printed.
     */
    private static final class StopOnShutdown implements AutoCloseable {
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;

        StopOnShutdown(Trainer trainer) {
            hook = new Thread(() -> {
                trainer.requestStop();
                try {
                    finished.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "seq2seq-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits once it returns
            }
        }
    }

    private Seq2SeqModel newModel(TrainingConfig config) throws IOException {
        Tokenizer tokenizer = tokenizerOptions.create();
        log.info("building vocabularies from {}", corpus);
        CorpusCounts counts = CorpusCounts.count(corpus, corpusOptions.format(corpus), tokenizer, tokenizer);
        Vocabulary source = vocabularyOptions.build(counts.source());
        Vocabulary target = vocabularyOptions.build(counts.target());
        log.info(vocabularyOptions.describe("source", counts.source(), source));
        log.info(vocabularyOptions.describe("target", counts.target(), target));
        ModelConfig modelConfig = new ModelConfig(source.size(), target.size(), embedding, hidden, encoderLayers,
                dropout, feedContext);
        ComputationGraph graph = Seq2SeqGraph.create(modelConfig, new Adam(config.learningRate()), config.seed(),
                DataType.FLOAT);
        log.info("{} parameters", graph.numParams());
        return new Seq2SeqModel(graph, modelConfig, source, target, tokenizerOptions.spec(), tokenizerOptions.spec());
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void report(TrainingState end, Checkpoints checkpoints) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("epoch  train loss  valid loss  valid ppl  target tok/s  source tok/s  time");
        for (EpochResult e : end.history()) {
            boolean validated = !Double.isNaN(e.validationLoss());
            out.printf("%5d  %10.4f  %10s  %9s  %12.0f  %12.0f  %s%n", e.epoch() + 1, e.trainingLoss(),
                    validated ? String.format("%.4f", e.validationLoss()) : "-",
                    validated ? String.format("%.2f", e.validationPerplexity()) : "-", e.targetTokensPerSecond(),
                    e.sourceTokensPerSecond(), Durations.format(e.seconds()));
        }
        if (end.stopped() != null) {
            out.println("stopped: " + end.stopped());
        }
        out.println("best model: " + checkpoints.best().map(Path::toString).orElse("none yet (no epoch finished)"));
        out.println("latest checkpoint: " + checkpoints.latest().map(Path::toString).orElse("none"));
    }
}
