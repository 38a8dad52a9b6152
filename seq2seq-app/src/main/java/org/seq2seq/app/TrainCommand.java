package org.seq2seq.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seq2seq.app.chart.ChartWriter;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.app.progress.TrainingBar;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingRun;
import org.seq2seq.core.train.TrainingState;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.spark.HadoopLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code seq2seq train}: builds the vocabularies and a new model from a training corpus, or
 * resumes a run, and trains it with validation, early stopping and checkpoints.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train a translation model on a parallel corpus, checkpointing into OUTPUT_DIR.")
final class TrainCommand implements Callable<Integer> {
    /** The effective options of a run, in the run directory and in every checkpoint. */
    static final String RUN_CONFIG = "config.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CORPUS",
            description = "The training corpus: CSV or TSV, optionally .gz (or 'corpus' in the config file); with "
                    + "--spark-master also a Hadoop location such as hdfs://…/train.csv.")
    String corpus;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUTPUT_DIR", description = "Where checkpoints go; "
            + "best.txt names the best one, latest.txt the newest (or 'output-dir' in the config file).")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML file of option values, keyed by "
            + "the long option names without dashes (and corpus, output-dir); the command line overrides it. "
            + "Every run saves its effective options as OUTPUT_DIR/" + RUN_CONFIG + ".")
    Path config;

    @Option(names = "--valid", paramLabel = "CORPUS", description = "Validation corpus, same layout as the "
            + "training one: its loss and perplexity are reported after each epoch and pick the best model.")
    String validation;

    @Option(names = "--resume", description = "Continue the run in OUTPUT_DIR from its latest checkpoint, with "
            + "its saved settings, which need not be given again (only --epochs, --max-minutes and --threads may "
            + "be changed).")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "MODEL", description = "Fine-tune: start from this trained model "
            + "(or a run's best checkpoint) with its vocabularies, tokenizer and BPE codes, and a new optimizer with "
            + "this run's learning rate and schedule; --valid picks the best checkpoint and stops early. Shape and "
            + "tokenizer options, if given, must be the model's (--dropout may change).")
    Path initFrom;

    @Option(names = "--add-tokens", description = "With --init-from: add the corpus's tokens that the model's "
            + "vocabularies lack (seen at least --min-freq times) as new, freshly initialised rows; the model's own "
            + "tokens keep their ids and weights.")
    boolean addTokens;

    @Option(names = "--valid-bleu", paramLabel = "SENTENCES", description = "Translate this many sentences of the "
            + "validation corpus (its first ones) with greedy search after each epoch and report their BLEU "
            + "(0: no BLEU).")
    int validBleu = 500;

    @Option(names = "--select-by", paramLabel = "FIGURE", description = "The validation figure that picks the best "
            + "model and drives early stopping: ${COMPLETION-CANDIDATES}.")
    TrainingConfig.Selection selectBy = TrainingConfig.Selection.PERPLEXITY;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Mixin
    TokenizerOptions tokenizerOptions = new TokenizerOptions();

    @Mixin
    BpeOptions bpeOptions = new BpeOptions();

    @Mixin
    SparkOptions sparkOptions = new SparkOptions();

    @Mixin
    ComputeOptions computeOptions = new ComputeOptions();

    @Mixin
    VocabularyOptions vocabularyOptions = new VocabularyOptions();

    @Option(names = "--embedding", description = "Size of the token embeddings.")
    int embedding = 256;

    @Option(names = "--hidden", description = "Size of the encoder's and the decoder's states.")
    int hidden = 512;

    @Option(names = "--encoder-layers", description = "Stacked LSTM layers in the encoder.")
    int encoderLayers = 1;

    @Option(names = "--decoder-layers", description = "Stacked GRU layers in the decoder, each seeded from the "
            + "context; above the first, each reads the output of the one below (and the context with "
            + "--feed-context).")
    int decoderLayers = 1;

    @Option(names = "--decoder-residual", description = "Add each stacked decoder layer's input to its output "
            + "(residual connections, as GNMT stacks its RNNs); needs --decoder-layers 2 or more.")
    boolean decoderResidual;

    @Option(names = "--decoder-layer-norm", description = "Layer-normalize the decoder's GRU layers: their input "
            + "and recurrent projections, each with its own gain (Ba et al. 2016).")
    boolean decoderLayerNorm;

    @Option(names = "--encoder-layer-norm", description = "Layer-normalize the encoder's LSTM layers: their input "
            + "and recurrent projections, each with its own gain (Ba et al. 2016).")
    boolean encoderLayerNorm;

    @Option(names = "--dropout", description = "Dropout probability on the RNNs' inputs while training.")
    double dropout = 0;

    @Option(names = "--output-dropout", paramLabel = "P", description = "Dropout probability on the decoder's "
            + "output (after attention) before the projection to the vocabulary, while training.")
    double outputDropout = 0;

    @Option(names = "--recurrent-dropout", paramLabel = "P", description = "Dropout probability on the encoder's "
            + "and the decoder's recurrent states where they enter the recurrent products, while training: one "
            + "mask per sentence for all its steps (variational dropout, Gal and Ghahramani 2016).")
    double recurrentDropout = 0;

    @Option(names = "--warm-restarts", paramLabel = "STEPS", description = "A cosine learning-rate schedule with "
            + "warm restarts (Loshchilov and Hutter 2017): within each cycle of STEPS steps the rate falls from "
            + "--learning-rate to 0, then starts again; 0: none. Not with --learning-rate-decay.")
    long warmRestarts = 0;

    @Option(names = "--tie-embeddings", description = "Use one matrix as the target embedding and as the output "
            + "projection to the target vocabulary (weight tying, Press and Wolf 2017); needs --embedding equal to "
            + "--hidden.")
    boolean tieEmbeddings;

    @Option(names = "--feed-context", description = "Feed the context vector to every decoder step, not only "
            + "to its initial state.")
    boolean feedContext;

    @Option(names = "--bidirectional", description = "Read the source both ways: a forward and a backward LSTM "
            + "of hidden/2 units each per encoder layer, outputs and final states concatenated.")
    boolean bidirectional;

    @Option(names = "--attention", converter = AttentionConverter.class, description = "Luong attention of the "
            + "decoder over the encoder's per-step outputs: none, dot or general.")
    Attention attention = Attention.NONE;

    /** {@code none}, {@code dot} or {@code general}, in any case. */
    static final class AttentionConverter implements CommandLine.ITypeConverter<Attention> {
        @Override
        public Attention convert(String value) {
            try {
                return Attention.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--reverse-source", description = "Read each source sentence backwards, so that its first "
            + "words are the encoder's last (Sutskever et al. 2014).")
    boolean reverseSource;

    @Option(names = "--learning-rate", description = "Adam's learning rate.")
    double learningRate = 0.001;

    @Option(names = "--clip-norm", description = "Largest global gradient norm (0: no clipping).")
    double clipNorm = 1.0;

    @Option(names = "--learning-rate-decay", paramLabel = "FACTOR", description = "Multiply the learning rate by "
            + "FACTOR after every --decay-patience epochs without a better validation figure (--select-by); 1: never.")
    double learningRateDecay = 1;

    @Option(names = "--decay-patience", paramLabel = "EPOCHS", description = "Epochs without improvement before "
            + "each --learning-rate-decay.")
    int decayPatience = 1;

    @Option(names = "--label-smoothing", paramLabel = "EPSILON", description = "Train against targets that give "
            + "EPSILON of each word's probability to the rest of the vocabulary (0: none); validation loss and "
            + "perplexity stay the plain cross-entropy.")
    double labelSmoothing = 0;

    @Option(names = "--batch-size", description = "Sentence pairs per batch.")
    int batchSize = 64;

    @Option(names = "--epochs", description = "Epochs to train at most.")
    int epochs = 10;

    @Option(names = "--patience", description = "Stop after this many epochs without a better validation figure "
            + "(see --select-by; 0: never stop early).")
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

    @Option(names = "--pool-pairs", paramLabel = "PAIRS", description = "Training pairs shuffled, sorted by length "
            + "and cut into batches together: bounds the memory of a pass over a large corpus (0: the whole corpus).")
    int poolPairs = TrainingConfig.DEFAULT_POOL_PAIRS;

    @Option(names = "--shards", description = "Shards the training corpus is prepared in, under OUTPUT_DIR/corpus "
            + "(0: one per 64 MiB of the corpus file).")
    int shards = 0;

    @Option(names = "--log-every", paramLabel = "STEPS", description = "Log progress every this many steps.")
    int logEvery = 50;

    @Option(names = "--max-minutes", description = "Stop with a checkpoint after this much training (0: no limit); "
            + "a resumed run counts from its own start.")
    double maxMinutes = 0;

    @Override
    public Integer call() throws IOException {
        if (corpus == null || output == null) {
            throw new IllegalArgumentException("missing " + (corpus == null ? "CORPUS" : "OUTPUT_DIR")
                    + ": give it on the command line or as '" + (corpus == null ? "corpus" : "output-dir")
                    + "' in the --config file");
        }
        checkOptions();
        sparkOptions.check();
        if (!sparkOptions.used()) {
            requireLocal(corpus, "CORPUS");
            requireLocal(validation, "--valid");
        }
        SparkSteps spark = sparkOptions.used() ? new SparkSteps(sparkOptions) : null;   // loads Spark only then
        Path corpusFile = localFile(corpus, spark);
        Path validationFile = validation == null ? null : localFile(validation, spark);
        boolean bars = Bars.enabled();
        TrainingBar bar = bars ? new TrainingBar() : null;
        ChartWriter chart = new ChartWriter(output);
        TrainingRun.Builder builder = runBuilder(corpusFile, validationFile).logSteps(!bars).listener(chart);
        if (spark != null) {
            builder.batchRunner(spark.runners());
        }
        if (bar != null) {
            builder.listener(bar);
        }
        TrainingRun run = builder.compute(computeOptions.compute()).build();
        try (StopOnShutdown ignored = new StopOnShutdown(run::requestStop); bar; spark) {
            TrainingState end = run.run();
            if (bar != null) {
                bar.close();
            }
            new TrainingSummary(spec.commandLine().getOut()).print(end, run.checkpoints(), chart);
            if (run.stopRequested()) {
                spec.commandLine().getOut().println("interrupted: continue with the same command and --resume");
            }
        }
        return 0;
    }

    /** Where corpora at Hadoop locations are copied to, in the output directory (hidden: not a run's file). */
    static final String STAGED = ".corpora";

    /** A corpus as a local file: with Spark, Hadoop locations copied into OUTPUT_DIR/.corpora. */
    private Path localFile(String location, SparkSteps spark) throws IOException {
        return spark == null ? Path.of(location) : spark.localCopy(location, output.resolve(STAGED));
    }

    /** Refuses a Hadoop location without Spark, whose Hadoop configuration reads it. */
    private static void requireLocal(String location, String what) {
        if (location != null && HadoopLocation.is(location)) {
            throw new IllegalArgumentException(what + " " + location + ": a Hadoop location needs --spark-master "
                    + "(it is read with Spark's Hadoop configuration); give a local file otherwise");
        }
    }

    /**
     * The run these options describe, its settings checked.
     *
     * @param corpusFile     the training corpus as a local file
     * @param validationFile the validation corpus as a local file, or null
     */
    TrainingRun.Builder runBuilder(Path corpusFile, Path validationFile) throws IOException {
        boolean fineTune = initFrom != null && !resume;
        if (fineTune) {
            takeModelsSettings();
        }
        TrainingRun.Builder b = TrainingRun.builder(corpusFile, output).format(corpusOptions.format(corpusFile))
                .validationBleu(validBleu).document(RUN_CONFIG, resume ? resumedOptions() : ConfigFile.effective(spec));
        if (!fineTune || givenByName("tokenizer") || givenByName("lowercase")) {
            b.tokenizer(tokenizerOptions.spec());
        }
        if (!fineTune || givenByName("reverse-source")) {
            b.reverseSource(reverseSource);
        }
        if (!fineTune || givenByName("min-freq")) {
            b.minFrequency(vocabularyOptions.minFrequency);
        }
        if (!fineTune || givenByName("max-vocab")) {
            b.maxVocabulary(vocabularyOptions.maxVocabulary);
        }
        if (fineTune) {
            b.initFrom(initFrom).addTokens(addTokens);
        } else if (addTokens && !resume) {
            throw new IllegalArgumentException("--add-tokens adds tokens to the model a run starts from: it needs "
                    + "--init-from MODEL");
        }
        if (validationFile != null) {
            b.validation(validationFile, corpusOptions.format(validationFile));
        }
        b.training(TrainingConfig.builder().learningRate(learningRate).clipNorm(clipNorm).batchSize(batchSize)
                .maxEpochs(epochs).patience(patience).checkpointEvery(checkpointEvery)
                .keepCheckpoints(keepCheckpoints).seed(seed).maxLength(maxLength).logEvery(logEvery)
                .maxMinutes(maxMinutes).selectBy(selectBy).labelSmoothing(labelSmoothing).outputDropout(outputDropout)
                .recurrentDropout(recurrentDropout).warmRestarts(warmRestarts).tieEmbeddings(tieEmbeddings)
                .learningRateDecay(learningRateDecay, decayPatience).poolPairs(poolPairs).build());
        List<String> bpeGiven = java.util.stream.Stream.of("--bpe-merges", "--bpe-joint", "--bpe-codes")
                .filter(this::given).toList();
        if (!resume && (!fineTune || !bpeGiven.isEmpty())) {
            b.bpe(bpeOptions.settings(tokenizerOptions.bpe(), bpeGiven));
        }
        if (!resume) {
            b.shards(shards);
        }
        if (resume) {
            b.resume(saved -> {
                if (given("--epochs")) {
                    saved.maxEpochs(epochs);
                }
                if (given("--max-minutes")) {
                    saved.maxMinutes(maxMinutes);
                }
                return saved;
            });
        } else {
            b.shape(ModelShape.builder().embeddingSize(embedding).hiddenSize(hidden).encoderLayers(encoderLayers)
                    .dropout(dropout).feedContext(feedContext).bidirectional(bidirectional).attention(attention)
                    .decoderLayers(decoderLayers).decoderResidual(decoderResidual).decoderLayerNorm(decoderLayerNorm)
                    .encoderLayerNorm(encoderLayerNorm).build());
        }
        return b;
    }

    /**
     * For {@code --init-from}: the shape and tokenizer options not given take the model's values,
     * so that the run's saved options say what it trains; those given are left for the run to
     * check against the model.
     */
    private void takeModelsSettings() throws IOException {
        ModelDirectory.Description model = ModelDirectory.describe(RunDirectory.modelOf(initFrom));
        ModelShape shape = model.config().shape();
        embedding = givenByName("embedding") ? embedding : shape.embeddingSize();
        hidden = givenByName("hidden") ? hidden : shape.hiddenSize();
        encoderLayers = givenByName("encoder-layers") ? encoderLayers : shape.encoderLayers();
        decoderLayers = givenByName("decoder-layers") ? decoderLayers : shape.decoderLayers();
        decoderResidual = givenByName("decoder-residual") ? decoderResidual : shape.decoderResidual();
        decoderLayerNorm = givenByName("decoder-layer-norm") ? decoderLayerNorm : shape.decoderLayerNorm();
        encoderLayerNorm = givenByName("encoder-layer-norm") ? encoderLayerNorm : shape.encoderLayerNorm();
        feedContext = givenByName("feed-context") ? feedContext : shape.feedContext();
        bidirectional = givenByName("bidirectional") ? bidirectional : shape.bidirectional();
        attention = givenByName("attention") ? attention : shape.attention();
        dropout = givenByName("dropout") ? dropout : shape.dropout();
        reverseSource = givenByName("reverse-source") ? reverseSource : model.sourceTokenizer().reversed();
        TokenizerOptions.Kind kind = model.sourceTokenizer().subwords() != null ? TokenizerOptions.Kind.bpe
                : model.sourceTokenizer().kind() == org.seq2seq.corpora.text.TokenizerSpec.Kind.CHARACTER
                ? TokenizerOptions.Kind.character : TokenizerOptions.Kind.word;
        if (givenByName("tokenizer") && tokenizerOptions.kind != kind) {
            throw new IllegalArgumentException("--tokenizer " + tokenizerOptions.kind + ": " + initFrom + " reads "
                    + kind + ", and fine-tuning (--init-from) keeps the model's tokenizer");
        }
        tokenizerOptions.kind = kind;
        if (!givenByName("lowercase")) {
            tokenizerOptions.lowercase = model.sourceTokenizer().lowercase();
        }
    }

    /**
     * For {@code train … --resume} without {@code --config}: the options the run saved (its latest
     * checkpoint's {@code config.json}) as the defaults of those not given now, so that a resumed
     * run goes on with its validation corpus, tokenizer options and the rest without retyping
     * them. {@link #RESUMABLE} options are left to the command line. Empty when the arguments do
     * not ask for a resume, cannot be parsed (the real parse reports that), or the run saved no
     * options or ones this version does not know (then it resumes as before: with the options given).
     */
    static java.util.Optional<ConfigFile> savedOptions(String[] arguments, CommandLine.Model.CommandSpec spec) {
        TrainCommand probe = new TrainCommand();
        Set<String> given = new java.util.HashSet<>(RESUMABLE);
        try {
            for (CommandLine.Model.OptionSpec option : new CommandLine(probe).parseArgs(arguments).matchedOptions()) {
                // given now, so not defaulted: a flag whose default is true would read as false when given
                given.add(option.longestName().replaceFirst("^-+", ""));
            }
        } catch (CommandLine.ParameterException e) {
            return java.util.Optional.empty();
        }
        if (!probe.resume || probe.config != null || probe.output == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Path> latest;
        try {
            latest = new RunDirectory(probe.output).latest();
        } catch (IOException e) {
            return java.util.Optional.empty();      // the resume itself says what is wrong
        }
        if (latest.isEmpty() || !Files.isRegularFile(latest.get().resolve(RUN_CONFIG))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ConfigFile.read(latest.get().resolve(RUN_CONFIG), spec).without(given));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** What a resumed run may change: how long it goes on, and on how many threads. */
    private static final Set<String> RESUMABLE = Set.of("epochs", "max-minutes", "spark-master", "spark-partitions",
            "spark-sync-every", "threads");

    /**
     * The options a resumed run goes on with: those it saved, with {@link #RESUMABLE} ones as
     * given now. Any other option given now (on the command line or in a config file) with a
     * value other than the saved one is refused, all of them listed, before anything is written.
     */
    private Map<String, Object> resumedOptions() throws IOException {
        Path latest = new RunDirectory(output).latest().orElseThrow(() -> new IllegalArgumentException(
                output + " holds no training run to resume (no " + RunDirectory.LATEST + ")"));
        Map<String, Object> now = ConfigFile.effective(spec);
        Path savedFile = latest.resolve(RUN_CONFIG);
        if (!Files.isRegularFile(savedFile)) {
            return now;                                 // saved before runs kept their options
        }
        Map<String, Object> saved = new ObjectMapper().readValue(savedFile.toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Object> option : now.entrySet()) {
            String name = option.getKey();
            Object before = saved.get(name);
            if (!RESUMABLE.contains(name) && givenByName(name) && before != null
                    && !String.valueOf(before).equals(String.valueOf(option.getValue()))) {
                changed.add(name + " " + before + " -> " + option.getValue());
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("--resume goes on with the run's saved options, and these were given "
                    + "otherwise: " + String.join(", ", changed) + " (only --epochs, --max-minutes and --threads may change; "
                    + "start a new run for the others)");
        }
        Map<String, Object> truthful = new LinkedHashMap<>(saved);
        for (String name : RESUMABLE) {
            if (givenByName(name)) {
                truthful.put(name, now.get(name));
            }
        }
        return truthful;
    }

    /** Whether the option (config name, e.g. {@code hidden} or {@code corpus}) was given on the command line or in a config file. */
    private boolean givenByName(String name) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean onCommandLine = name.equals("corpus") ? parsed.hasMatchedPositional(0)
                : name.equals("output-dir") ? parsed.hasMatchedPositional(1) : parsed.hasMatchedOption("--" + name);
        return onCommandLine || spec.commandLine().getDefaultValueProvider() instanceof ConfigFile file && file.has(name);
    }

    /** The options' own ranges, named as on the command line, before anything is read. */
    private void checkOptions() {
        if (embedding < 1 || hidden < 1 || encoderLayers < 1 || decoderLayers < 1) {
            throw new IllegalArgumentException(String.format("--embedding, --hidden, --encoder-layers and "
                    + "--decoder-layers must be at least 1, got %d, %d, %d and %d", embedding, hidden, encoderLayers,
                    decoderLayers));
        }
        if (decoderResidual && decoderLayers < 2) {
            throw new IllegalArgumentException("--decoder-residual joins stacked decoder layers: it needs "
                    + "--decoder-layers 2 or more, got " + decoderLayers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be at least 0 and below 1, got " + dropout);
        }
        if (!(outputDropout >= 0 && outputDropout < 1)) {
            throw new IllegalArgumentException("--output-dropout must be at least 0 and below 1, got " + outputDropout);
        }
        if (warmRestarts < 0) {
            throw new IllegalArgumentException("--warm-restarts must be 0 (none) or more steps, got " + warmRestarts);
        }
        if (warmRestarts > 0 && learningRateDecay != 1) {
            throw new IllegalArgumentException("--warm-restarts and --learning-rate-decay are two learning-rate "
                    + "schedules: give one");
        }
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException("--recurrent-dropout must be at least 0 and below 1, got "
                    + recurrentDropout);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
