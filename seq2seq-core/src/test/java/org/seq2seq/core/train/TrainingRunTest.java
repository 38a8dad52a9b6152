package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.attention.Attention;

/** A training run started from Java, as the command line starts it, on the tiny model's corpus. */
class TrainingRunTest {
    @TempDir
    Path dir;

    private TrainingRun.Builder run(Path corpus, Path output, int epochs) {
        return run(corpus, output, epochs, ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                .attention(Attention.DOT).build());
    }

    private TrainingRun.Builder run(Path corpus, Path output, int epochs, ModelShape shape) {
        return TrainingRun.builder(corpus, output).validation(corpus).validationBleu(20).minFrequency(1)
                .shape(shape)
                .training(TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(epochs).patience(0)
                        .build())
                .document("notes.json", Map.of("by", "TrainingRunTest"));
    }

    @Test
    void trainsResumesAndLeavesAModelThatTranslates() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        Path output = dir.resolve("run");
        List<Integer> epochsSaved = new java.util.ArrayList<>();
        TrainingState end = run(corpus, output, 2)
                .listener(new Trainer.Listener() {
                    @Override
                    public void epochSaved(TrainingState state) {
                        epochsSaved.add(state.history().size());
                    }
                }).build().run();
        assertEquals(List.of(1, 2), epochsSaved);
        assertEquals(2, end.history().size());
        assertEquals(3, Files.readAllLines(output.resolve(EpochTable.FILE)).size(), "header and two epochs");
        assertTrue(Files.readString(output.resolve("notes.json")).contains("TrainingRunTest"));
        Path best = new RunDirectory(output).best().orElseThrow();
        assertTrue(Files.isRegularFile(best.resolve("notes.json")), "documents go into every checkpoint");

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, output, 2).build().run());
        assertTrue(again.getMessage().contains("already holds a training run"), again.getMessage());

        TrainingState resumed = run(corpus, output, 99).resume(saved -> saved.maxEpochs(3)).build().run();
        assertEquals(3, resumed.history().size(), "the resumed run trains one more epoch, as asked");
        assertEquals(new RunDirectory(output).best().orElseThrow(), Translator.resolve(output),
                "a run directory translates with its best checkpoint");
        assertEquals(Checkpoints.name(resumed.steps()),
                new RunDirectory(output).latest().orElseThrow().getFileName().toString());
    }

    /**
     * Trains 2 epochs straight and 1 + 1 resumed, in {@code straight} and {@code split} under the
     * test directory, and asserts the same losses and parameters to the bit.
     *
     * @return the uninterrupted run's state
     */
    private TrainingState assertResumeRepeatsTheUninterruptedRun(Path corpus, ModelShape shape, TrainingConfig config)
            throws IOException {
        Path straight = dir.resolve("straight");
        TrainingState whole = run(corpus, straight, 2, shape).training(config).build().run();
        Path split = dir.resolve("split");
        run(corpus, split, 1, shape).training(config.toBuilder().maxEpochs(1).build()).build().run();
        TrainingState resumed = run(corpus, split, 1, shape).training(config.toBuilder().maxEpochs(1).build())
                .resume(saved -> saved.maxEpochs(2)).build().run();
        assertSameTraining(straight, whole, split, resumed);
        return whole;
    }

    /** The same losses and BLEU epoch by epoch, and the latest checkpoints' parameters to the bit. */
    private static void assertSameTraining(Path straight, TrainingState whole, Path split, TrainingState resumed)
            throws IOException {
        java.util.function.Function<TrainingState, List<List<Double>>> losses = state -> state.history().stream()
                .map(e -> List.of(e.trainingLoss(), e.validationLoss(), e.validationBleu())).toList();
        assertEquals(losses.apply(whole), losses.apply(resumed), "the same losses, epoch by epoch");
        org.seq2seq.core.model.Seq2SeqModel a = org.seq2seq.core.model.ModelDirectory.load(
                new RunDirectory(straight).latest().orElseThrow()).model();
        org.seq2seq.core.model.Seq2SeqModel b = org.seq2seq.core.model.ModelDirectory.load(
                new RunDirectory(split).latest().orElseThrow()).model();
        assertEquals(a.graph().params(), b.graph().params(), "the same parameters, to the bit");
    }

    /**
     * A run on a corpus in 3 shards read in pools of 8 pairs dies in the middle of its second
     * epoch, three steps after a step checkpoint; resumed, it ends with an uninterrupted run's
     * parameters to the bit. Before that, a resume with the corpus file changed is refused.
     */
    @Test
    void aRunKilledMidEpochOnAShardedCorpusResumesBitForBit() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        TrainingConfig config = TrainingConfig.builder().learningRate(0.01).batchSize(4).poolPairs(8).maxEpochs(2)
                .patience(0).checkpointEvery(4).keepCheckpoints(5).build();
        Path straight = dir.resolve("straight");
        TrainingState whole = run(corpus, straight, 2).shards(3).training(config).build().run();
        assertEquals(3, Files.list(straight.resolve(TrainingRun.CORPUS)).filter(p -> p.toString().endsWith(".bin"))
                .count());

        Path killed = dir.resolve("killed");
        IllegalStateException kill = assertThrows(IllegalStateException.class, () -> run(corpus, killed, 2).shards(3)
                .training(config).listener(new Trainer.Listener() {
                    @Override
                    public void step(TrainingState state, TrainingStep.Result result) {
                        if (state.steps() == 15) {
                            throw new IllegalStateException("killed at step 15");
                        }
                    }
                }).build().run());
        assertEquals("killed at step 15", kill.getMessage());
        TrainingState saved = Checkpoints.load(new RunDirectory(killed).latest().orElseThrow()).state();
        assertEquals(List.of(1, 3, 12L), List.of(saved.epoch(), saved.batchesDone(), saved.steps()),
                "the latest checkpoint is in the middle of the second epoch");

        String text = Files.readString(corpus);
        Files.writeString(corpus, text.replace("Katze", "Hunde"));
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, killed, 2).resume(c -> c).build().run());
        assertTrue(changed.getMessage().contains("the training corpus changed since it was prepared"),
                changed.getMessage());
        Files.writeString(corpus, text);

        TrainingState resumed = run(corpus, killed, 2).resume(c -> c).build().run();
        assertEquals(whole.steps(), resumed.steps());
        assertSameTraining(straight, whole, killed, resumed);
    }

    @Test
    void aStackedResidualLayerNormalizedDecoderWithDropoutResumesExactly() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        ModelShape stacked = ModelShape.builder().embeddingSize(8).hiddenSize(16).dropout(0.2).feedContext(true)
                .bidirectional(true).attention(Attention.GENERAL).decoderLayers(2).decoderResidual(true)
                .decoderLayerNorm(true).encoderLayerNorm(true).build();
        TrainingState whole = assertResumeRepeatsTheUninterruptedRun(corpus, stacked, TrainingConfig.builder()
                .learningRate(0.01).batchSize(16).maxEpochs(2).patience(0).outputDropout(0.2).recurrentDropout(0.25)
                .build());
        org.seq2seq.core.model.Seq2SeqModel saved = org.seq2seq.core.model.ModelDirectory.load(
                new RunDirectory(dir.resolve("straight")).latest().orElseThrow()).model();
        assertEquals(2, saved.config().decoderLayers());
        assertTrue(saved.config().decoderLayerNorm() && saved.config().encoderLayerNorm());
        long recurrentLayers = saved.graph().getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex l
                        && (l.getLayerConf().getLayer() instanceof org.seq2seq.decoder.gru.GruDecoderLayer g
                                && g.getRecurrentDropout() == 0.25
                        || l.getLayerConf().getLayer() instanceof org.seq2seq.encoder.lstm.LstmEncoderLayer e
                                && e.getRecurrentDropout() == 0.25))
                .count();
        assertEquals(3, recurrentLayers, "the encoder's layer and both decoder layers, saved with the model");

        TrainingState without = run(corpus, dir.resolve("without"), 2).shape(stacked).training(TrainingConfig
                .builder().learningRate(0.01).batchSize(16).maxEpochs(2).patience(0).outputDropout(0.2).build())
                .build().run();
        assertTrue(without.history().get(0).trainingLoss() != whole.history().get(0).trainingLoss(),
                "recurrent dropout changes training");
    }

    @Test
    void labelSmoothingAndOutputDropoutAreSavedWithTheModelAndAResumedRunGoesOnExactly() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        TrainingConfig smoothed = TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(2).patience(0)
                .labelSmoothing(0.1).outputDropout(0.3).build();
        ModelShape shape = ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                .attention(Attention.DOT).build();
        TrainingState whole = assertResumeRepeatsTheUninterruptedRun(corpus, shape, smoothed);
        org.seq2seq.core.model.Seq2SeqModel a = org.seq2seq.core.model.ModelDirectory.load(
                new RunDirectory(dir.resolve("straight")).latest().orElseThrow()).model();
        assertEquals(0.1, org.seq2seq.decoder.GruDecoder.labelSmoothing(a.graph()));
        assertEquals(0.3, org.seq2seq.decoder.GruDecoder.outputDropout(a.graph()));

        TrainingState plain = run(corpus, dir.resolve("plain"), 2).build().run();
        assertTrue(plain.history().get(0).trainingLoss() != whole.history().get(0).trainingLoss(),
                "smoothing and dropout change training");
        TrainingState smoothedOnly = run(corpus, dir.resolve("smoothed"), 2)
                .training(smoothed.toBuilder().outputDropout(0).build()).build().run();
        assertTrue(smoothedOnly.history().get(0).trainingLoss() != whole.history().get(0).trainingLoss(),
                "output dropout changes training");
    }

    @Test
    void theLearningRateDecaysOnAPlateauAndAResumedRunGoesOnWithTheDecayedRate() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        // references no model can write: validation BLEU is 0 after every epoch, so only the first is the best
        List<String> lines = Files.readAllLines(corpus);
        List<String> nonsense = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.subList(1, lines.size()).forEach(l -> nonsense.add(l.substring(0, l.indexOf(',')) + ",zq xv wk"));
        Path plateau = Files.write(dir.resolve("plateau.csv"), nonsense);
        TrainingConfig decaying = TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(3).patience(0)
                .selectBy(TrainingConfig.Selection.BLEU).learningRateDecay(0.5, 1).build();
        java.util.function.BiFunction<Path, Integer, TrainingRun.Builder> run = (output, epochs) -> TrainingRun
                .builder(corpus, output).validation(plateau).validationBleu(20).minFrequency(1)
                .shape(ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true).attention(Attention.DOT)
                        .build())
                .training(decaying.toBuilder().maxEpochs(epochs).build());
        Path straight = dir.resolve("straight");
        TrainingState whole = run.apply(straight, 3).build().run();
        assertEquals(0.01 * 0.5 * 0.5, whole.learningRate(0.01), 1e-15, "two epochs without a better BLEU");
        Path latest = new RunDirectory(straight).latest().orElseThrow();
        assertTrue(org.seq2seq.core.model.ModelDirectory.load(latest).model().graph().getConfiguration().toJson()
                .contains("\"learningRate\" : 0.0025"), "the checkpoint's updaters have the decayed rate");

        Path split = dir.resolve("split");
        TrainingState two = run.apply(split, 2).build().run();
        assertEquals(0.005, two.learningRate(0.01), 1e-15);
        TrainingState resumed = run.apply(split, 2).resume(saved -> saved.maxEpochs(3)).build().run();
        assertEquals(whole.learningRate(0.01), resumed.learningRate(0.01));
        assertEquals(org.seq2seq.core.model.ModelDirectory.load(latest).model().graph().params(),
                org.seq2seq.core.model.ModelDirectory.load(new RunDirectory(split).latest().orElseThrow()).model()
                        .graph().params(), "the resumed run's parameters, to the bit");
    }

    @Test
    void warmRestartsChangeTrainingAndAResumedRunFollowsTheSchedule() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        ModelShape shape = ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                .attention(Attention.DOT).build();
        TrainingConfig restarting = TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(2).patience(0)
                .warmRestarts(3).build();
        TrainingState whole = assertResumeRepeatsTheUninterruptedRun(corpus, shape, restarting);
        TrainingState constant = run(corpus, dir.resolve("constant"), 2).build().run();
        assertTrue(constant.history().get(0).trainingLoss() != whole.history().get(0).trainingLoss(),
                "the schedule changes training");
        assertThrows(IllegalArgumentException.class, () -> restarting.toBuilder().learningRateDecay(0.5, 1).build());
    }

    @Test
    void tiedEmbeddingsStayOneMatrixAndAResumedRunGoesOnExactly() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        ModelShape shape = ModelShape.builder().embeddingSize(16).hiddenSize(16).feedContext(true).bidirectional(true)
                .attention(Attention.GENERAL).build();
        TrainingConfig tied = TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(2).patience(0)
                .tieEmbeddings(true).build();
        TrainingState whole = assertResumeRepeatsTheUninterruptedRun(corpus, shape, tied);
        org.deeplearning4j.nn.graph.ComputationGraph saved = org.seq2seq.core.model.ModelDirectory.load(
                new RunDirectory(dir.resolve("straight")).latest().orElseThrow()).model().graph();
        INDArray embedding = saved.getLayer(org.seq2seq.core.model.Seq2SeqGraph.TARGET_EMBEDDING).getParam("W");
        assertEquals(embedding.transpose(), saved.getLayer(org.seq2seq.core.model.Seq2SeqGraph.OUTPUT).getParam("W"),
                "the saved model's output projection is its target embedding's transpose");
        TrainingState apart = run(corpus, dir.resolve("apart"), 2).shape(shape)
                .training(tied.toBuilder().tieEmbeddings(false).build()).build().run();
        assertTrue(apart.history().get(0).trainingLoss() != whole.history().get(0).trainingLoss(),
                "tying changes training");
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class, () -> run(corpus,
                dir.resolve("sizes"), 1).shape(ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                        .attention(Attention.DOT).build()).training(tied)
                .build());
        assertTrue(sizes.getMessage().startsWith("--tie-embeddings needs --embedding equal to --hidden"),
                sizes.getMessage());
    }

    /** Two trainings in one run directory (a resume started while the first still runs) would mix their checkpoints. */
    @Test
    void aRunDirectoryThatIsBeingTrainedIsRefused() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        Path output = dir.resolve("busy");
        try (RunLock held = RunLock.acquire(output)) {
            IllegalArgumentException busy = assertThrows(IllegalArgumentException.class,
                    () -> run(corpus, output, 1).build().run());
            assertEquals(output + " is being trained by another process; wait for it to end (or stop it) before "
                    + "starting or resuming a run there", busy.getMessage());
        }
        assertEquals(1, run(corpus, output, 1).build().run().history().size(), "free again once the lock is released");
    }

    @Test
    void checksItsPathsBeforeWritingAnything() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        Path output = dir.resolve("out");
        IllegalArgumentException noValid = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, output, 1).validation(dir.resolve("nope.csv")).build().run());
        assertEquals(dir.resolve("nope.csv") + ": the validation corpus does not exist", noValid.getMessage());
        assertTrue(Files.notExists(output), "nothing written: no config.json left behind");

        IllegalArgumentException noCorpus = assertThrows(IllegalArgumentException.class,
                () -> run(dir, output, 1).build().run());
        assertEquals(dir + ": the training corpus is a directory, not a file", noCorpus.getMessage());

        Path unrelated = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(unrelated.resolve("holiday.jpg"), "x");
        IllegalArgumentException notARun = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, unrelated, 1).build().run());
        assertEquals(unrelated + ": the output directory holds files that are not a training run's (holiday.jpg); "
                + "choose a new or empty directory", notARun.getMessage());

        Path file = Files.writeString(dir.resolve("file"), "x");
        IllegalArgumentException outputIsAFile = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, file, 1).build().run());
        assertEquals(file + ": the output directory is a file", outputIsAFile.getMessage());
        assertTrue(Files.notExists(output));
    }

    @Test
    void refusesAModelTooLargeForMemoryBeforeReadingTheCorpus() {
        Path missing = dir.resolve("not-read.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.builder(TinyModel.copyValidationCorpus(missing), dir.resolve("out"))
                        .shape(ModelShape.builder().embeddingSize(256).hiddenSize(100_000_000).build()).build().run());
        assertTrue(e.getMessage().startsWith("a model of hidden size 100000000, embedding size 256 and 1 encoder layers "
                + "over vocabularies of 5 and 5 tokens has about 8.00e+16 parameters"), e.getMessage());
        assertTrue(e.getMessage().endsWith("choose smaller sizes (--hidden, --embedding, --max-vocab)"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    @Test
    void theParameterEstimateMatchesTheGraph() {
        for (ModelShape shape : List.of(ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                .attention(Attention.DOT).build(),
                ModelShape.builder().embeddingSize(8).hiddenSize(16).encoderLayers(2).bidirectional(true)
                        .attention(Attention.GENERAL).build(), ModelShape.builder().embeddingSize(6).hiddenSize(10)
                        .build(), ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true)
                        .bidirectional(true).attention(Attention.GENERAL).decoderLayers(3).decoderResidual(true)
                        .build(),
                ModelShape.builder().embeddingSize(6).hiddenSize(10).encoderLayers(2).decoderLayers(2).build())) {
            long actual = org.seq2seq.core.model.Seq2SeqGraph.create(shape.config(30, 40),
                    new org.nd4j.linalg.learning.config.Adam(0.001), 1, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    .paramTable().values().stream().mapToLong(p -> p.length()).sum();   // numParams() leaves out vertices
            double estimate = shape.parameters(30, 40);
            assertEquals(actual, estimate, 0.0, shape + ": estimate " + estimate + ", graph " + actual);
        }
    }

    @Test
    void refusesToTrainWhenTheLengthLimitLeavesNoPair() {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, dir.resolve("out"), 1).training(TrainingConfig.builder().maxLength(1).build())
                        .build().run());
        assertEquals(corpus + ": none of its 36 pairs has at most 1 tokens on both sides (--max-length), so there is "
                + "nothing to train on", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out").resolve("latest.txt")), "no untrained model saved as best");
    }

    @Test
    void refusesSettingsThatCannotWorkBeforeReadingAnything() {
        Path missing = dir.resolve("missing.csv");
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder(missing, dir.resolve("a"))
                .minFrequency(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder(missing, dir.resolve("b"))
                .training(TrainingConfig.builder().selectBy(TrainingConfig.Selection.BLEU).build()).build());
        assertThrows(IllegalArgumentException.class, () -> ModelShape.builder().embeddingSize(8).hiddenSize(15)
                .bidirectional(true).build());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")));
    }
}
