package org.seq2seq.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.Pointer;
import org.seq2seq.core.io.AtomicFiles;
import org.seq2seq.core.model.ModelFactory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.model.TiedEmbeddings;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.OutputPaths;
import org.seq2seq.corpora.PassProgress;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeLearner;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.shards.PreparedCorpus;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.CorpusCounts;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.corpora.vocab.TokenCounts;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.GruDecoder;
import org.seq2seq.nn.runtime.Compute;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole training run, as a Java program or the command line starts it: builds the
 * vocabularies and a new model from the training corpus (or resumes the run in the output
 * directory from its latest checkpoint), reads the corpora, and trains with validation,
 * checkpoints and {@code training.csv}.
 *
 * <pre>{@code
 * TrainingState end = TrainingRun.builder(Path.of("train.csv"), Path.of("runs/my-model"))
 *         .validation(Path.of("valid.csv"))
 *         .shape(ModelShape.builder().embeddingSize(128).hiddenSize(256).feedContext(true).build())
 *         .training(TrainingConfig.builder().maxEpochs(5).build())
 *         .build().run();
 * }</pre>
 */
public final class TrainingRun {
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final Builder b;
    /** The directory in a run's output that holds its {@link PreparedCorpus}. */
    public static final String CORPUS = "corpus";

    private final Checkpoints checkpoints;
    /** What a new run's shards will take on disk, from the vocabulary counts; 0 when not counted. */
    private long expectedShardBytes;
    private volatile Trainer trainer;
    private volatile boolean stopRequested;

    private TrainingRun(Builder b) {
        this.b = b;
        this.checkpoints = new Checkpoints(b.output, b.training.keepCheckpoints());
    }

    public static Builder builder(Path corpus, Path output) {
        return new Builder(corpus, output);
    }

    /** The run's output directory. */
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /**
     * Asks the run to stop after its current step, with a checkpoint to resume from (for
     * Ctrl-C). Any thread may call it, before or during {@link #run()}.
     */
    public void requestStop() {
        stopRequested = true;
        Trainer t = trainer;
        if (t != null) {
            t.requestStop();
        }
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Creates or resumes the model and trains it.
     *
     * @return the state at the end, as saved in the last checkpoint
     * @throws IllegalArgumentException for inputs that cannot work: a run already in the output
     *                                  directory (without resume), none to resume, a corpus
     *                                  whose vocabulary would be empty
     */
    public TrainingState run() throws IOException {
        checkPaths();
        if (!b.resume && b.initFrom == null) {
            checkSize(SpecialToken.values().length + 1, SpecialToken.values().length + 1);   // before reading anything
        }
        NativeRuntime.configure();                  // before the model's arrays are made
        Seq2SeqModel start = b.resume || b.initFrom == null ? null : FineTuning.startingModel(b.initFrom, b.fineTuning());
        try (RunLock ignored = RunLock.acquire(b.output)) {
            return runLocked(start);
        }
    }

    /** @param start the trained model a fine-tuning run starts from ({@link Builder#initFrom}), or null */
    private TrainingState runLocked(Seq2SeqModel start) throws IOException {
        Seq2SeqModel model;
        TrainingConfig config;
        TrainingState state;
        if (b.resume) {
            Path latest = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
                    b.output + " holds no training run to resume (no " + Checkpoints.LATEST + ")"));
            Checkpoints.Checkpoint checkpoint = Checkpoints.load(latest);
            model = checkpoint.model();
            state = checkpoint.state();
            config = b.onResume.apply(checkpoint.config().toBuilder()).build();
            log.info("resuming from {}: epoch {}, batch {}, step {}", latest, state.epoch() + 1,
                    state.batchesDone(), state.steps());
        } else if (start != null) {
            config = FineTuning.config(start, b.training);
            Vocabulary source = start.sourceVocabulary();
            Vocabulary target = start.targetVocabulary();
            if (b.addTokens) {
                log.info("counting the tokens of {} that the model's vocabularies lack", b.corpus);
                CorpusCounts counts = CorpusCounts.count(b.corpus, b.format, start.sourceTokenizer().create(),
                        start.targetTokenizer().create(), config.maxLength(), config.maxLength(), b.compute.threads())
                        .requirePairs(b.corpus);
                source = source.extendedWith(counts.source(), b.minFrequency);
                target = target.extendedWith(counts.target(), b.minFrequency);
                log.info("added {} source and {} target tokens seen at least {} times (vocabularies of {} and {})",
                        source.size() - start.sourceVocabulary().size(), target.size() - start.targetVocabulary().size(),
                        b.minFrequency, source.size(), target.size());
            }
            model = FineTuning.model(start, b.shapeSet ? b.shape.dropout() : start.config().dropout(), config, source,
                    target);
            state = TrainingState.start();
            log.info("fine-tuning {}: its parameters, vocabularies and tokenizers, a new optimizer at learning rate {}{}",
                    b.initFrom, config.learningRate(), config.tieEmbeddings() ? ", embeddings tied as in the model" : "");
        } else {
            config = b.training;
            model = newModel(config);
            state = TrainingState.start();
        }
        saveDocuments();

        PairEncoder encoder = new PairEncoder(model.sourceTokenizer().create(), model.sourceVocabulary(),
                model.targetTokenizer().create(), model.targetVocabulary());
        PreparedCorpus train = preparedCorpus(encoder, config);
        InMemoryPairs valid = null;
        ValidationBleu bleu = null;
        if (b.validation != null) {
            log.info("reading {}", b.validation);
            valid = InMemoryPairs.read(b.validation, b.validationFormat, encoder);
            if (b.validationBleu > 0) {
                bleu = ValidationBleu.firstPairs(b.validation, b.validationFormat, b.validationBleu);
            }
        }
        log.info("{} training pairs{}; model: {}", train.size().orElseThrow(), valid == null ? ", no validation corpus"
                : ", " + valid.size().orElseThrow() + " validation pairs" + (bleu == null ? "" : " (BLEU on " + bleu.size() + ")"),
                model.config() + (model.sourceTokenizer().reversed() ? ", source read backwards" : ""));

        Trainer t = new Trainer(config, train, valid, checkpoints).bleu(bleu).logSteps(b.logSteps)
                .batchRunner(b.runners).listener(new EpochTable.Writer(b.output));
        b.listeners.forEach(t::listener);
        trainer = t;
        if (stopRequested) {
            t.requestStop();
        }
        log.info("training on {} (of {} processors)", b.compute, Runtime.getRuntime().availableProcessors());
        try (RangeExecutor executor = b.compute.newExecutor("seq2seq-training");
             RangeExecutor.Binding bound = executor.bind()) {
            return t.train(model, state);
        }
    }

    /**
     * The training corpus as shards in the output directory: prepared there when the run starts,
     * reused when it resumes after a check that the corpus file has not changed since. Leftovers
     * of a preparation that was killed are deleted first (the run's lock is held).
     */
    private PreparedCorpus preparedCorpus(PairEncoder encoder, TrainingConfig config) throws IOException {
        Path dir = b.output.resolve(CORPUS);
        for (Path stale : PreparedCorpus.deleteUnfinished(dir)) {
            log.info("deleted {}, left by a preparation that did not finish", stale);
        }
        int sourceSize = encoder.sourceVocabulary().size();
        int targetSize = encoder.targetVocabulary().size();
        if (Files.isDirectory(dir)) {
            log.info("checking that {} is still the corpus prepared in {}", b.corpus, dir);
            return PreparedCorpus.open(dir, sourceSize, targetSize).requireSource(b.corpus);
        }
        log.info("preparing {} as token ids in {}", b.corpus, dir);
        return PreparedCorpus.prepare(b.corpus, b.format, encoder, dir, b.layout.apply(config.seed()),
                expectedShardBytes, b.compute.threads());
    }

    /**
     * Fails when the parameters, their gradients and Adam's two moments (4 floats a parameter)
     * cannot fit in the native memory ND4J may use ({@code Pointer.maxBytes()}: the JVM's
     * {@code -Xmx} unless {@code -Dorg.bytedeco.javacpp.maxbytes} says otherwise), instead of a
     * native {@code bad_alloc} later.
     */
    private void checkSize(int sourceVocabulary, int targetVocabulary) {
        double parameters = b.shape.parameters(sourceVocabulary, targetVocabulary);
        double bytes = parameters * 4 * Float.BYTES;
        long limit = Pointer.maxBytes();
        if (limit > 0 && bytes > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a model of hidden size %d, embedding size %d "
                    + "and %d encoder layers over vocabularies of %d and %d tokens has about %.3g parameters and needs "
                    + "%.3g GB for them, their gradients and Adam's state; ND4J may use %.3g GB here (-Xmx, or "
                    + "-Dorg.bytedeco.javacpp.maxbytes): choose smaller sizes (--hidden, --embedding, --max-vocab)",
                    b.shape.hiddenSize(), b.shape.embeddingSize(), b.shape.encoderLayers(), sourceVocabulary,
                    targetVocabulary, parameters, bytes / 1e9, limit / 1e9));
        }
    }

    /** The corpora are files and the output is (or can be) a directory: checked before anything is read or written. */
    private void checkPaths() {
        if (!b.resume && checkpoints.exist()) {
            throw new IllegalArgumentException(b.output + " already holds a training run; add --resume to continue it, "
                    + "or choose another output directory");
        }
        requireFile(b.corpus, "training corpus");
        if (b.validation != null) {
            requireFile(b.validation, "validation corpus");
        }
        if (Files.exists(b.output) && !Files.isDirectory(b.output)) {
            throw new IllegalArgumentException(b.output + ": the output directory is a file");
        }
        OutputPaths.requireWritableDirectory(b.output, "the output directory");
        if (Files.isDirectory(b.output)) {
            try (var entries = Files.list(b.output)) {
                List<String> others = entries.map(p -> p.getFileName().toString())
                        .filter(name -> !RUN_FILES.contains(name) && !b.documents.containsKey(name) && !name.startsWith("."))
                        .sorted().toList();
                if (!others.isEmpty()) {
                    throw new IllegalArgumentException(b.output + ": the output directory holds files that are not a "
                            + "training run's (" + String.join(", ", others.subList(0, Math.min(3, others.size())))
                            + (others.size() > 3 ? ", …" : "") + "); choose a new or empty directory");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(b.output + ": the output directory cannot be read ("
                        + e.getMessage() + ")");
            }
        }
    }

    /** What a run writes into its output directory: an existing directory holding only these is a run's (or empty). */
    private static final java.util.Set<String> RUN_FILES = java.util.Set.of(Checkpoints.CHECKPOINTS,
            Checkpoints.LATEST, Checkpoints.BEST, EpochTable.FILE, "training.png", "config.json", CORPUS);

    private static void requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": the " + what + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": the " + what + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": the " + what + " cannot be read (permission denied)");
        }
    }

    private void saveDocuments() throws IOException {
        Files.createDirectories(b.output);
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Object> d : b.documents.entrySet()) {
            checkpoints.withDocument(d.getKey(), d.getValue());
            AtomicFiles.writeString(b.output.resolve(d.getKey()),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(d.getValue()) + "\n");
        }
    }

    private Seq2SeqModel newModel(TrainingConfig config) throws IOException {
        TokenizerSpec sourceSpec = b.tokenizer;
        TokenizerSpec targetSpec = b.tokenizer;
        if (b.bpe != null) {
            BpeCodes[] codes = b.bpe.learns() ? learnCodes(config) : new BpeCodes[] {b.bpe.sourceCodes(),
                b.bpe.targetCodes()};
            sourceSpec = sourceSpec.withSubwords(codes[0]);
            targetSpec = targetSpec.withSubwords(codes[1]);
        }
        log.info("building vocabularies from {}", b.corpus);
        // the vocabularies count the pairs that training sees: none over --max-length
        CorpusCounts counts = CorpusCounts.count(b.corpus, b.format, sourceSpec.create(), targetSpec.create(),
                config.maxLength(), config.maxLength(), b.compute.threads()).requirePairs(b.corpus);
        if (counts.pairs() == 0) {
            throw nothingFits(counts.report().pairs(), config);
        }
        Vocabulary source = vocabulary(counts.source(), "source");
        Vocabulary target = vocabulary(counts.target(), "target");
        checkSize(source.size(), target.size());
        // a lower bound: the shards hold every pair, and these counts only those within the length limit
        expectedShardBytes = PreparedCorpus.estimateBytes(counts.pairs(), counts.source().total()
                + counts.target().total(), source.size(), target.size());
        Seq2SeqModel model = ModelFactory.create(b.shape, source, target, sourceSpec.withReversed(b.reverseSource),
                targetSpec, config.learningRate(), config.seed());
        GruDecoder.setOutputRegularization(model.graph(), config.labelSmoothing(),   // saved with the graph
                config.outputDropout());
        Seq2SeqGraph.setRecurrentDropout(model.graph(), config.recurrentDropout());   // saved with the graph too
        if (config.tieEmbeddings()) {
            TiedEmbeddings.of(model.graph()).tie();     // from here on, each step keeps the two copies equal
        }
        log.info("{} parameters", (long) b.shape.parameters(source.size(), target.size()));
        return model;
    }

    /**
     * Learns BPE codes from the words of the pairs within the length limit (a pair over it in
     * words is over it in subwords too): one set for both sides, or one for each.
     *
     * @return the source side's codes and the target side's
     */
    private BpeCodes[] learnCodes(TrainingConfig config) {
        log.info("counting words in {} to learn {} BPE merges{}", b.corpus, b.bpe.merges(),
                b.bpe.joint() ? " on both sides together" : " for each side");
        CorpusCounts words = CorpusCounts.count(b.corpus, b.format, b.tokenizer.create(), b.tokenizer.create(),
                config.maxLength(), config.maxLength(), b.compute.threads()).requirePairs(b.corpus);
        if (words.pairs() == 0) {
            throw nothingFits(words.report().pairs(), config);
        }
        BpeLearner learner = new BpeLearner(b.bpe.merges(), b.bpe.minPairFrequency());
        long start = System.nanoTime();
        long[] next = {start + PassProgress.INTERVAL_NANOS};
        java.util.function.IntConsumer progress = done -> {
            long now = System.nanoTime();
            if (now >= next[0]) {
                next[0] = now + PassProgress.INTERVAL_NANOS;
                log.info("learning BPE: {} of {} merges, {} s", done, b.bpe.merges(), (now - start) / 1_000_000_000L);
            }
        };
        BpeCodes[] codes;
        if (b.bpe.joint()) {
            BpeCodes joint = learner.learn(BpeSettings.together(words.source().asMap(), words.target().asMap()),
                    progress);
            codes = new BpeCodes[] {joint, joint};
        } else {
            codes = new BpeCodes[] {learner.learn(words.source().asMap(), progress),
                learner.learn(words.target().asMap(), progress)};
        }
        log.info("learned {} source and {} target BPE merges in {} s", codes[0].size(), codes[1].size(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return codes;
    }

    private IllegalArgumentException nothingFits(long pairs, TrainingConfig config) {
        return new IllegalArgumentException(String.format("%s: none of its %d pairs has at most %d tokens on both "
                + "sides (--max-length), so there is nothing to train on", b.corpus, pairs, config.maxLength()));
    }

    private Vocabulary vocabulary(TokenCounts counts, String side) {
        Vocabulary v = Vocabulary.of(counts, b.minFrequency, b.maxVocabulary == 0 ? Vocabulary.UNLIMITED
                : b.maxVocabulary);
        if (v.size() <= SpecialToken.values().length) {
            throw new IllegalArgumentException(String.format("%s: no %s token occurs at least %d times "
                    + "(--min-freq), so the vocabulary would hold only the special tokens", b.corpus, side,
                    b.minFrequency));
        }
        long covered = 0;
        for (String token : v.tokens()) {
            covered += counts.count(token);
        }
        log.info(String.format("%s: %,d tokens, %,d distinct; vocabulary of %,d (min freq %d) covers %.2f%% of tokens",
                side, counts.total(), counts.distinct(), v.size(), b.minFrequency,
                100.0 * covered / Math.max(1, counts.total())));
        return v;
    }

    /** Collects and checks a run's settings; {@link #build()} fails on those that cannot work. */
    public static final class Builder {
        private final Path corpus;
        private final Path output;
        private CorpusFormat format = CorpusFormat.csv();
        private Path validation;
        private CorpusFormat validationFormat = CorpusFormat.csv();
        private int validationBleu = 500;
        private TokenizerSpec tokenizer = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        private boolean reverseSource;
        private BpeSettings bpe;
        private Path initFrom;
        private boolean addTokens;
        private boolean shapeSet;
        private boolean tokenizerSet;
        private boolean reverseSourceSet;
        private boolean minFrequencySet;
        private boolean maxVocabularySet;
        private BatchRunner.Factory runners = BatchRunner.local();
        private java.util.function.LongFunction<PreparedCorpus.Layout> layout = PreparedCorpus.Layout::bySize;
        private int minFrequency = 2;
        private int maxVocabulary;
        private ModelShape shape = ModelShape.defaults();
        private TrainingConfig training = TrainingConfig.builder().build();
        private boolean resume;
        private UnaryOperator<TrainingConfig.Builder> onResume = UnaryOperator.identity();
        private boolean logSteps = true;
        private Compute compute;
        private final List<Trainer.Listener> listeners = new ArrayList<>();
        private final Map<String, Object> documents = new LinkedHashMap<>();

        private Builder(Path corpus, Path output) {
            this.corpus = Objects.requireNonNull(corpus, "corpus");
            this.output = Objects.requireNonNull(output, "output");
        }

        /** How the training corpus is laid out (default: CSV with columns source and target). */
        public Builder format(CorpusFormat v) {
            format = Objects.requireNonNull(v, "format");
            return this;
        }

        /** A validation corpus in the default CSV layout. */
        public Builder validation(Path v) {
            return validation(v, CorpusFormat.csv());
        }

        public Builder validation(Path v, CorpusFormat vFormat) {
            validation = v;
            validationFormat = Objects.requireNonNull(vFormat, "format");
            return this;
        }

        /** Validation sentences translated for BLEU after each epoch (default 500; 0: none). */
        public Builder validationBleu(int sentences) {
            validationBleu = sentences;
            return this;
        }

        /** How both sides are tokenized (default: words, cased). */
        public Builder tokenizer(TokenizerSpec v) {
            tokenizer = Objects.requireNonNull(v, "tokenizer").withReversed(false);
            tokenizerSet = true;
            return this;
        }

        /**
         * Split words into subwords with BPE (default: whole words). Codes to be learned are
         * learned on the training corpus's pairs within the length limit, before the vocabularies.
         */
        public Builder bpe(BpeSettings v) {
            bpe = v;
            return this;
        }

        /** What takes the training steps (default: this machine). */
        public Builder batchRunner(BatchRunner.Factory v) {
            runners = Objects.requireNonNull(v, "batch runner");
            return this;
        }

        /**
         * Cut the prepared training corpus into this many shards (default 0: one per 64 MiB of the
         * corpus file); each pair's shard is drawn with the run's seed.
         */
        public Builder shards(int shards) {
            if (shards < 0) {
                throw new IllegalArgumentException("--shards must be 0 (one per 64 MiB of the corpus) or more, got "
                        + shards);
            }
            layout = shards == 0 ? PreparedCorpus.Layout::bySize : seed -> new PreparedCorpus.Layout(shards, 1, seed);
            return this;
        }

        /** Read each source sentence backwards (Sutskever et al. 2014). */
        public Builder reverseSource(boolean v) {
            reverseSource = v;
            reverseSourceSet = true;
            return this;
        }

        /** Tokens seen fewer times are left out of the vocabularies (default 2). */
        public Builder minFrequency(int v) {
            minFrequency = v;
            minFrequencySet = true;
            return this;
        }

        /** Largest vocabulary, special tokens included (default 0: no limit). */
        public Builder maxVocabulary(int v) {
            maxVocabulary = v;
            maxVocabularySet = true;
            return this;
        }

        /**
         * The new model's shape (default {@link ModelShape#defaults()}). With {@link #initFrom} it
         * must be the starting model's, but for dropout, which may change.
         */
        public Builder shape(ModelShape v) {
            shape = Objects.requireNonNull(v, "shape");
            shapeSet = true;
            return this;
        }

        /**
         * Fine-tune: start from the parameters of a trained model (a model directory, or a run's
         * best checkpoint) with its vocabularies, tokenizers and BPE codes, and a new optimizer
         * with {@link #training}'s learning rate and schedule; this run's validation corpus picks
         * the best checkpoint and stops early. The shape and tokenizer given, if any, must be the
         * model's; vocabulary and BPE settings may not be given. The model's shortlist is not
         * carried over (its probabilities change): learn one for the result.
         */
        public Builder initFrom(Path model) {
            initFrom = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * With {@link #initFrom}: add the training corpus's tokens that the model's vocabularies
         * lack, seen at least {@link #minFrequency} times, as new rows of its embeddings (and
         * output weights), freshly initialised; the model's own tokens keep their ids and weights.
         */
        public Builder addTokens(boolean v) {
            addTokens = v;
            return this;
        }

        /** What this builder says about the model a fine-tuning run starts from. */
        private FineTuning.Request fineTuning() {
            return new FineTuning.Request(shapeSet ? shape : null, tokenizerSet ? tokenizer : null,
                    reverseSourceSet ? reverseSource : null, bpe != null, minFrequencySet, maxVocabularySet, addTokens);
        }

        /**
         * How a new run trains; a resumed run trains as its checkpoint says (see
         * {@link #resume}) and takes from these only how many checkpoints to keep.
         */
        public Builder training(TrainingConfig v) {
            training = Objects.requireNonNull(v, "training");
            return this;
        }

        /**
         * Continue the run in the output directory with its saved settings; {@code changes} may
         * alter those that can change between sessions (epochs, time limit).
         */
        public Builder resume(UnaryOperator<TrainingConfig.Builder> changes) {
            resume = true;
            onResume = Objects.requireNonNull(changes, "changes");
            return this;
        }

        /** Log a progress line every few steps at INFO (default), or at DEBUG when a progress bar shows it. */
        /**
         * The threads a training step is split between ({@link Compute#threads()}; workers do not
         * apply). Default: {@link Compute#defaults()}.
         */
        public Builder compute(Compute v) {
            compute = Objects.requireNonNull(v, "compute");
            return this;
        }

        public Builder logSteps(boolean v) {
            logSteps = v;
            return this;
        }

        /** Hears of every step and epoch, after the run's own {@code training.csv} writer. */
        public Builder listener(Trainer.Listener v) {
            listeners.add(Objects.requireNonNull(v, "listener"));
            return this;
        }

        /** A JSON document saved in the output directory and in every checkpoint (effective options, say). */
        public Builder document(String name, Object value) {
            documents.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public TrainingRun build() {
            if (compute == null) {
                compute = Compute.defaults();
            }
            if (addTokens && initFrom == null) {
                throw new IllegalArgumentException("--add-tokens adds tokens to the model a run starts from: it needs "
                        + "--init-from");
            }
            if (minFrequency < 1 || maxVocabulary < 0) {
                throw new IllegalArgumentException("--min-freq must be at least 1 and --max-vocab at least 0, got "
                        + minFrequency + " and " + maxVocabulary);
            }
            if (validationBleu < 0) {
                throw new IllegalArgumentException("--valid-bleu must be 0 (no BLEU) or more, got " + validationBleu);
            }
            if (!resume && training.selectBy() == TrainingConfig.Selection.BLEU
                    && (validation == null || validationBleu < 1)) {
                throw new IllegalArgumentException("--select-by bleu needs a validation corpus (--valid) and "
                        + "--valid-bleu above 0");
            }
            if (!resume && training.tieEmbeddings() && shape.embeddingSize() != shape.hiddenSize()) {
                throw new IllegalArgumentException("--tie-embeddings needs --embedding equal to --hidden (the output "
                        + "projection reads hidden-size vectors), got " + shape.embeddingSize() + " and "
                        + shape.hiddenSize());
            }
            return new TrainingRun(this);
        }
    }
}
