package org.seq2seq.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.seq2seq.encoder.LstmImplementation;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.Merge;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;

class ModelDirectoryTest {
    @TempDir
    Path dir;

    private record Note(String text, int number) {
    }

    /** A small model after two Adam steps, so that the optimizer state is not zero. */
    private static Seq2SeqModel trainedModel() {
        return trainedModel(false, Attention.NONE, 1, false, false);
    }

    private static Seq2SeqModel trainedModel(boolean bidirectional, Attention attention, int decoderLayers,
                                             boolean residual, boolean layerNorm) {
        Vocabulary source = Vocabulary.ofTokens(List.of("ein", "hund", "läuft", "."));
        Vocabulary target = Vocabulary.ofTokens(List.of("a", "dog", "runs", ".", "cat"));
        ModelConfig config = ModelConfig.builder(source.size(), target.size()).embeddingSize(5).hiddenSize(6)
                .encoderLayers(2).dropout(0.1).feedContext(true).bidirectional(bidirectional).attention(attention)
                .decoderLayers(decoderLayers).decoderResidual(residual).decoderLayerNorm(layerNorm)
                .encoderLayerNorm(layerNorm).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new Adam(0.01), 3, DataType.FLOAT);
        TrainingStep step = new TrainingStep(graph, 1.0);
        step.run(batch());
        step.run(batch());
        return new Seq2SeqModel(graph, config, source, target, new TokenizerSpec(TokenizerSpec.Kind.WORD, true),
                new TokenizerSpec(TokenizerSpec.Kind.CHARACTER, false));
    }

    private static MultiDataSet batch() {
        return PaddedBatch.of(List.of(new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5, 6, 7}),
                new EncodedPair(new int[] {5, 1}, new int[] {8, 6, 7}))).toMultiDataSet(DataType.FLOAT);
    }

    private static INDArray output(ComputationGraph graph) {
        MultiDataSet b = batch();
        return graph.output(false, b.getFeatures(), b.getFeaturesMaskArrays(), b.getLabelsMaskArrays())[0]
                .reshape(-1);                                                         // [B * V * T]
    }

    @Test
    void tokenizerSettingsSavedBeforeReversedSourcesReadAsReadingOrder() throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();                  // as ModelDirectory reads model.json
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, true),
                json.readValue("{\"kind\" : \"WORD\", \"lowercase\" : true}", TokenizerSpec.class));
        TokenizerSpec reversed = new TokenizerSpec(TokenizerSpec.Kind.WORD, false, true);
        assertEquals(reversed, json.readValue(json.writeValueAsString(reversed), TokenizerSpec.class));
    }

    @Test
    void modelSettingsSavedBeforeAttentionReadAsTheCardsShapeWithDl4jsLstm() throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();                  // as ModelDirectory reads model.json
        String before = "{\"sourceVocabularySize\" : 9, \"targetVocabularySize\" : 8, \"embeddingSize\" : 3, "
                + "\"hiddenSize\" : 4, \"encoderLayers\" : 1, \"dropout\" : 0.0, \"feedContext\" : true}";
        assertEquals(ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(true)
                .encoderLstm(LstmImplementation.DL4J).build(),
                json.readValue(before, ModelConfig.class));
        ModelConfig both = ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(true)
                .bidirectional(true).attention(Attention.GENERAL).build();
        assertEquals(LstmImplementation.FUSED, both.encoderLstm());
        assertEquals(both, json.readValue(json.writeValueAsString(both), ModelConfig.class));
        assertEquals(1, both.decoderLayers(), "saved before stacked decoders: one decoder layer");
        ModelConfig stacked = both.toBuilder().decoderLayers(3).decoderResidual(true).build();
        assertEquals(stacked, json.readValue(json.writeValueAsString(stacked), ModelConfig.class));
        assertFalse(both.decoderLayerNorm(), "saved before layer normalization: none");
        assertFalse(both.encoderLayerNorm());
        ModelConfig normalized = stacked.toBuilder().decoderLayerNorm(true).encoderLayerNorm(true).build();
        assertEquals(normalized, json.readValue(json.writeValueAsString(normalized), ModelConfig.class));
    }

    @ParameterizedTest(name = "bidirectional {0}, attention {1}, decoder layers {2}, residual {3}, layer norm {4}")
    @CsvSource({"false, NONE, 1, false, false", "true, GENERAL, 1, false, false", "false, DOT, 1, false, false",
            "true, GENERAL, 2, true, false", "true, GENERAL, 2, true, true"})
    void loadsWhatWasSavedToTheLastBit(boolean bidirectional, Attention attention, int decoderLayers, boolean residual,
                                       boolean layerNorm) throws IOException {
        Seq2SeqModel model = trainedModel(bidirectional, attention, decoderLayers, residual, layerNorm);
        Path saved = dir.resolve("model");
        ModelDirectory.save(model, Map.of("note.json", new Note("hello", 7)), saved);

        ModelDirectory loaded = ModelDirectory.load(saved);
        Seq2SeqModel back = loaded.model();
        assertEquals(model.config(), back.config());
        assertEquals(model.sourceVocabulary(), back.sourceVocabulary());
        assertEquals(model.targetVocabulary(), back.targetVocabulary());
        assertEquals(model.sourceTokenizer(), back.sourceTokenizer());
        assertEquals(model.targetTokenizer(), back.targetTokenizer());
        assertEquals(new Note("hello", 7), loaded.document("note.json", Note.class).orElseThrow());
        assertTrue(loaded.document("other.json", Note.class).isEmpty());

        assertArrayEquals(model.graph().params().toFloatVector(), back.graph().params().toFloatVector());
        assertArrayEquals(model.graph().getUpdater().getStateViewArray().toFloatVector(),
                back.graph().getUpdater().getStateViewArray().toFloatVector());
        assertEquals(model.graph().getIterationCount(), back.graph().getIterationCount());
        float[] before = output(model.graph()).toFloatVector();
        float[] after = output(back.graph()).toFloatVector();
        for (int i = 0; i < before.length; i++) {
            assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(after[i]), "output " + i);
        }

        // for translating, without the optimizer's state: the same parameters and outputs
        Seq2SeqModel forTranslating = ModelDirectory.load(saved, false).model();
        assertEquals(model.config(), forTranslating.config());
        assertArrayEquals(model.graph().params().toFloatVector(), forTranslating.graph().params().toFloatVector());
        assertArrayEquals(before, output(forTranslating.graph()).toFloatVector());
        assertTrue(forTranslating.graph().getUpdater(false) == null
                || forTranslating.graph().getUpdater(false).getStateViewArray().sumNumber().doubleValue() == 0.0,
                "no optimizer state read");
    }

    /** BPE codes travel with the model as subword-nmt codes files, one per side. */
    @Test
    void keepsEachSidesSubwordCodesInSubwordNmtsFormat() throws IOException {
        Seq2SeqModel plain = trainedModel();
        BpeCodes sourceCodes = new BpeCodes(List.of(new Merge("h", "und</w>"), new Merge("l", "ä")));
        BpeCodes targetCodes = new BpeCodes(List.of(new Merge("d", "og</w>")));
        Seq2SeqModel model = new Seq2SeqModel(plain.graph(), plain.config(), plain.sourceVocabulary(),
                plain.targetVocabulary(), plain.sourceTokenizer().withSubwords(sourceCodes),
                new TokenizerSpec(TokenizerSpec.Kind.WORD, false).withSubwords(targetCodes));
        Path saved = dir.resolve("subwords");
        ModelDirectory.save(model, saved);
        assertEquals("#version: 0.2\nh und</w>\nl ä\n", Files.readString(saved.resolve(ModelDirectory.SOURCE_CODES)));
        assertEquals("#version: 0.2\nd og</w>\n", Files.readString(saved.resolve(ModelDirectory.TARGET_CODES)));
        Seq2SeqModel back = ModelDirectory.load(saved).model();
        assertEquals(model.sourceTokenizer(), back.sourceTokenizer());
        assertEquals(model.targetTokenizer(), back.targetTokenizer());

        Files.writeString(saved.resolve(ModelDirectory.MODEL), Files.readString(saved.resolve(ModelDirectory.MODEL))
                .replace("\"source.bpe\"", "\"../elsewhere.bpe\""));
        rewriteManifest(saved);
        assertProblem(saved, "model.json names BPE codes '../elsewhere.bpe', not source.bpe or target.bpe");
    }

    @Test
    void refusesWhatIsNotAModel() throws IOException {
        assertProblem(dir.resolve("nothing"), "no such model directory");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertProblem(empty, "not a saved model, or an incomplete one: manifest.json is missing");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertProblem(file, "is a file");
    }

    @Test
    void refusesAnIncompleteModel() throws IOException {
        Path saved = saved();
        Files.delete(saved.resolve(ModelDirectory.SOURCE_VOCABULARY));
        assertProblem(saved, "incomplete: source.vocab is missing");
    }

    @Test
    void refusesACorruptedModel() throws IOException {
        Path saved = saved();
        Path graph = saved.resolve(ModelDirectory.GRAPH);
        byte[] bytes = Files.readAllBytes(graph);
        bytes[bytes.length / 2] ^= 1;
        Files.write(graph, bytes);
        assertProblem(saved, "corrupted: graph.zip does not match its checksum in manifest.json");

        Path other = saved("other");
        Files.writeString(other.resolve(ModelDirectory.MANIFEST), "{\"format\": \"seq2seq-model\", ");
        assertProblem(other, "corrupted: manifest.json cannot be parsed");
    }

    @Test
    void refusesAModelWhoseGraphAndSettingsDisagreeOnAttention() {
        Seq2SeqModel dot = trainedModel(false, Attention.DOT, 1, false, false);
        ModelConfig general = dot.config().toBuilder().bidirectional(false).attention(Attention.GENERAL).build();
        ModelConfig none = dot.config().toBuilder().bidirectional(false).attention(Attention.NONE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Seq2SeqModel(dot.graph(),
                general, dot.sourceVocabulary(), dot.targetVocabulary(), dot.sourceTokenizer(), dot.targetTokenizer()));
        assertEquals("the graph's attention is dot, the configuration says general", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Seq2SeqModel(dot.graph(), none,
                dot.sourceVocabulary(), dot.targetVocabulary(), dot.sourceTokenizer(), dot.targetTokenizer()));
        Seq2SeqModel plain = trainedModel();
        assertThrows(IllegalArgumentException.class, () -> new Seq2SeqModel(plain.graph(),
                plain.config().toBuilder().bidirectional(false).attention(Attention.DOT).build(),
                plain.sourceVocabulary(), plain.targetVocabulary(),
                plain.sourceTokenizer(), plain.targetTokenizer()));
    }

    @Test
    void refusesASavedModelWhoseModelJsonContradictsItsGraph() throws IOException {
        Path saved = dir.resolve("model");
        ModelDirectory.save(trainedModel(false, Attention.DOT, 1, false, false), saved);
        Path json = saved.resolve(ModelDirectory.MODEL);
        Files.writeString(json, Files.readString(json).replace("\"DOT\"", "\"GENERAL\""));
        rewriteManifest(saved);
        assertProblem(saved, "the graph's attention is dot, the configuration says general");
    }

    @Test
    void refusesAModelSavedByANewerVersionNamingTheSettingItDoesNotKnow() throws IOException {
        Path saved = dir.resolve("model");
        ModelDirectory.save(trainedModel(), saved);
        Path json = saved.resolve(ModelDirectory.MODEL);
        Files.writeString(json, Files.readString(json)
                .replace("\"hiddenSize\" :", "\"futureOption\" : true, \"hiddenSize\" :"));
        rewriteManifest(saved);
        assertProblem(saved, "model.json has the setting 'futureOption', which this version does not know: the model "
                + "was saved by a newer version of seq2seq");
    }

    @Test
    void refusesASavedModelWhoseSizesInModelJsonContradictItsWeights() throws IOException {
        Path saved = dir.resolve("model");
        ModelDirectory.save(trainedModel(), saved);                  // embedding 5, hidden 6, 2 layers, feed-context
        Path json = saved.resolve(ModelDirectory.MODEL);
        Files.writeString(json, Files.readString(json).replace("\"hiddenSize\" : 6", "\"hiddenSize\" : 8"));
        rewriteManifest(saved);
        assertProblem(saved, "the graph has 1");
        assertProblem(saved, "(embedding size 5, hidden size 6), the configuration makes");
        assertProblem(saved, "(embedding size 5, hidden size 8, encoder layers 2, decoder layers 1, feed-context true, "
                + "bidirectional false)");
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path saved = saved();
        Path manifest = saved.resolve(ModelDirectory.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"version\" : 1", "\"version\" : 2"));
        assertProblem(saved, "is format version 2; this build reads version 1");
    }

    @Test
    void neverReplacesAnExistingDirectory() throws IOException {
        Path saved = saved();
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> ModelDirectory.save(trainedModel(), saved));
    }

    @Test
    void refusesDocumentNamesThatClash() {
        Seq2SeqModel model = trainedModel();
        for (String name : List.of("model.json", "manifest.json", "notes.txt", "../x.json")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ModelDirectory.save(model, Map.of(name, new Note("x", 1)), dir.resolve("m")), name);
        }
        assertFalse(Files.exists(dir.resolve("m")));
    }

    private Path saved() throws IOException {
        return saved("model");
    }

    private Path saved(String name) throws IOException {
        Path saved = dir.resolve(name);
        ModelDirectory.save(trainedModel(), saved);
        assertTrue(ModelDirectory.isModel(saved));
        List<String> names = new ArrayList<>();
        try (var files = Files.list(saved)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertEquals(List.of("graph.zip", "manifest.json", "model.json", "source.vocab", "target.vocab"),
                names.stream().sorted().toList());
        return saved;
    }

    /** Puts model.json's new checksum in the manifest, as a tool that edits models by hand might. */
    private static void rewriteManifest(Path saved) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path manifest = saved.resolve(ModelDirectory.MANIFEST);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(saved.resolve(ModelDirectory.MODEL)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("sha256")).put(ModelDirectory.MODEL,
                java.util.HexFormat.of().formatHex(digest));
        json.writeValue(manifest.toFile(), tree);
    }

    private static void assertProblem(Path directory, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.load(directory));
        assertTrue(e.getMessage().startsWith(directory + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
