package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.decoder.attention.Attention;

/** {@code train --init-from}: a run that starts from a trained model's parameters and tokens. */
class FineTuningTest {
    private static final ModelShape SHAPE = ModelShape.builder().embeddingSize(16).hiddenSize(16).feedContext(true)
            .attention(Attention.GENERAL).dropout(0.1).build();

    @TempDir
    Path dir;

    private static TrainingConfig training(int epochs, double learningRate, boolean tie) {
        return TrainingConfig.builder().learningRate(learningRate).batchSize(16).maxEpochs(epochs).patience(0)
                .tieEmbeddings(tie).build();
    }

    private TrainingState base(Path corpus) throws IOException {
        return TrainingRun.builder(corpus, dir.resolve("base")).validation(corpus).validationBleu(0).minFrequency(1)
                .shape(SHAPE).training(training(3, 0.01, true)).build().run();
    }

    @Test
    void startsFromTheModelsParametersAndTokensWithItsOwnLearningRate() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        TrainingState base = base(corpus);
        Seq2SeqModel trained = ModelDirectory.load(new RunDirectory(dir.resolve("base")).latest().orElseThrow())
                .model();

        // the validation corpus stands for the new domain: the same pairs, for a test this small
        TrainingState tuned = TrainingRun.builder(corpus, dir.resolve("tuned")).validation(corpus).validationBleu(0)
                .initFrom(dir.resolve("base")).training(training(1, 0.002, false)).build().run();
        TrainingState scratch = TrainingRun.builder(corpus, dir.resolve("scratch")).validation(corpus)
                .validationBleu(0).minFrequency(1).shape(SHAPE).training(training(1, 0.002, true)).build().run();

        double baseLoss = base.history().get(2).validationLoss();
        double tunedLoss = tuned.history().get(0).validationLoss();
        double scratchLoss = scratch.history().get(0).validationLoss();
        assertTrue(tunedLoss < baseLoss, "an epoch more from the trained parameters: " + tunedLoss + " < " + baseLoss);
        assertTrue(tunedLoss < 0.85 * scratchLoss, "not a fresh start: " + tunedLoss + " against " + scratchLoss);

        Seq2SeqModel model = ModelDirectory.load(new RunDirectory(dir.resolve("tuned")).latest().orElseThrow())
                .model();
        assertTrue(model.sameTokens(trained), "the model's vocabularies and tokenizers are kept");
        assertEquals(trained.config(), model.config(), "and its shape, dropout included");
        ComputationGraph graph = model.graph();
        assertEquals(graph.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getParam("W").transpose(),
                graph.getLayer(Seq2SeqGraph.OUTPUT).getParam("W"), "tied embeddings stay one matrix");
        assertFalse(graph.params().equals(trained.graph().params()), "and it trained");
        Checkpoints.Checkpoint checkpoint = Checkpoints.load(new RunDirectory(dir.resolve("tuned")).latest()
                .orElseThrow());
        assertEquals(0.002, checkpoint.config().learningRate(), 1e-12);
        assertTrue(checkpoint.config().tieEmbeddings(), "saved as tied, so that a resumed run ties too");
        assertEquals(tuned.steps(), checkpoint.state().steps(), "the run counts its own steps from 0");
    }

    /** A word the model never saw becomes a token of its own and is learned; the old tokens keep their ids and rows. */
    @Test
    void addedTokensAreNewRowsThatTheRunLearns() throws IOException {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        Seq2SeqModel start = ModelDirectory.load(tiny).model();
        StringBuilder csv = new StringBuilder("source,target\n");
        String[][] verbs = {{"läuft", "runs"}, {"schläft", "sleeps"}, {"sitzt", "sits"}, {"springt", "jumps"}};
        String[][] places = {{"im Park", "in the park"}, {"im Garten", "in the garden"}, {"am Strand", "on the beach"}};
        for (String[] verb : verbs) {
            for (String[] place : places) {
                csv.append("Ein Zebra ").append(verb[0]).append(' ').append(place[0]).append(".,A zebra ")
                        .append(verb[1]).append(' ').append(place[1]).append(".\n");
                csv.append("Ein Hund ").append(verb[0]).append(' ').append(place[0]).append(".,A dog ")
                        .append(verb[1]).append(' ').append(place[1]).append(".\n");
            }
        }
        Path corpus = Files.writeString(dir.resolve("zebras.csv"), csv);
        TrainingRun.builder(corpus, dir.resolve("zebras")).validation(corpus).validationBleu(0).initFrom(tiny)
                .addTokens(true).training(training(12, 0.01, false)).build().run();
        Seq2SeqModel tuned = ModelDirectory.load(new RunDirectory(dir.resolve("zebras")).latest().orElseThrow())
                .model();
        assertEquals(start.sourceVocabulary().size() + 1, tuned.sourceVocabulary().size(), "Zebra");
        assertEquals(start.targetVocabulary().size() + 1, tuned.targetVocabulary().size(), "zebra");
        assertEquals(start.targetVocabulary().tokens(), tuned.targetVocabulary().tokens().subList(0,
                start.targetVocabulary().size()), "the old tokens keep their ids");
        try (org.seq2seq.core.translate.Translator translator = new org.seq2seq.core.translate.Translator(tuned,
                org.seq2seq.core.translate.TranslatorOptions.defaults())) {
            assertEquals("A zebra sleeps in the garden.", translator.translate("Ein Zebra schläft im Garten."));
        }

        // before training: the old rows are the model's, the new ones fresh
        Seq2SeqModel extended = FineTuning.model(start, 0, training(1, 0.01, false), tuned.sourceVocabulary(),
                tuned.targetVocabulary());
        ComputationGraph graph = extended.graph();
        org.nd4j.linalg.api.ndarray.INDArray output = graph.getLayer(Seq2SeqGraph.OUTPUT).getParam("W");   // [H, V + 1]
        int v = start.targetVocabulary().size();
        assertEquals(start.graph().getLayer(Seq2SeqGraph.OUTPUT).getParam("W"),
                output.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, v)));
        assertTrue(output.getColumn(v).norm2Number().doubleValue() > 0, "the new token's weights are initialised");
    }

    @Test
    void refusesAnotherShapeTokenizerVocabularyOrAnEightBitModelBeforeWritingAnything() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        base(corpus);
        Path output = dir.resolve("tuned");
        java.util.function.Supplier<TrainingRun.Builder> tune = () -> TrainingRun.builder(corpus, output)
                .validation(corpus).initFrom(dir.resolve("base")).training(training(1, 0.001, false));

        String shape = message(tune.get().shape(SHAPE.toBuilder().hiddenSize(32).embeddingSize(32)
                .attention(Attention.DOT).build()));
        assertTrue(shape.contains("hidden 32 (the model's: 16)") && shape.contains("embedding 32 (the model's: 16)")
                && shape.contains("attention dot (the model's: general)"), shape);
        assertTrue(shape.startsWith(dir.resolve("base").resolve("checkpoints")
                .toString()), "names the checkpoint it would start from: " + shape);
        assertEquals(0, TrainingRun.builder(corpus, output).validation(corpus).initFrom(dir.resolve("base"))
                .shape(SHAPE.toBuilder().dropout(0.3).build()).training(training(1, 0.001, false)).build().run()
                .history().size() - 1, "dropout may change");
        deleteRun(output);

        String tokenizer = message(tune.get().tokenizer(new TokenizerSpec(TokenizerSpec.Kind.CHARACTER, true)));
        assertTrue(tokenizer.contains("tokenizer character, lowercased (the model's: word)"), tokenizer);
        String bpe = message(tune.get().bpe(BpeSettings.learn(100, true)));
        assertTrue(bpe.contains("BPE settings (the model's whole words are kept)"), bpe);
        String vocabulary = message(tune.get().minFrequency(3));
        assertTrue(vocabulary.contains("a minimum frequency (the model's vocabularies are kept, unless tokens are "
                + "added)"), vocabulary);
        String largest = message(tune.get().addTokens(true).maxVocabulary(100));
        assertTrue(largest.contains("a largest vocabulary (the model's vocabularies are kept"), largest);

        Path quantized = dir.resolve("int8");
        ModelDirectory.saveQuantized(ModelDirectory.load(new RunDirectory(dir.resolve("base")).latest()
                .orElseThrow()).model(), Map.of(), quantized, 1);
        String eightBit = message(TrainingRun.builder(corpus, output).validation(corpus).initFrom(quantized)
                .training(training(1, 0.001, false)));
        assertTrue(eightBit.contains("holds 8-bit weights (made by quantize)"), eightBit);
        assertFalse(Files.exists(output), "nothing written");
    }

    private static String message(TrainingRun.Builder run) {
        return assertThrows(IllegalArgumentException.class, () -> run.build().run()).getMessage();
    }

    private static void deleteRun(Path output) throws IOException {
        try (var files = Files.walk(output)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
