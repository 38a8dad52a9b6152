package org.seq2seq.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.attention.Attention;

class Int8WeightsTest {
    @TempDir
    Path dir;

    private static ComputationGraph graph() {
        ModelConfig config = ModelConfig.builder(600, 700).embeddingSize(128).hiddenSize(256)
                .attention(Attention.parse("general")).build();
        return Seq2SeqGraph.create(config, new NoOp(), 3, DataType.FLOAT);
    }

    /** Each value comes back within half its slice's step, max|w| / 254, and the small parameters are left alone. */
    @Test
    void eachValueComesBackWithinHalfItsSlicesStep() throws IOException {
        ComputationGraph graph = graph();
        Map<String, INDArray> before = graph.paramTable();
        Int8Weights weights = Int8Weights.of(graph);
        assertEquals(List.of("source_embedding_W", "encoder_0_Wx", "encoder_0_Wh", "target_embedding_W", "decoder_Wx",
                "decoder_Wh", "decoder_Wc", "attention_Wa", "attention_Wc", "output_W").stream().sorted().toList(),
                weights.names().stream().sorted().toList());
        Path file = dir.resolve("quantized.bin");
        weights.save(file);
        ComputationGraph loaded = graph.clone();
        loaded.params().assign(0);
        Int8Weights.load(file).writeInto(loaded);
        for (String name : weights.names()) {
            INDArray w = before.get(name);
            INDArray q = loaded.paramTable().get(name);
            int a = (int) w.size(0);
            int b = (int) w.size(1);
            boolean byRow = a > b;                                           // slices along the longer dimension
            double[] largest = new double[byRow ? a : b];
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    int s = byRow ? i : j;
                    largest[s] = Math.max(largest[s], Math.abs(w.getDouble(i, j)));
                }
            }
            double worst = 0;
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    double error = Math.abs(w.getDouble(i, j) - q.getDouble(i, j));
                    assertTrue(error <= largest[byRow ? i : j] / 254 * (1 + 1e-5) + 1e-9, name + " [" + i + ", " + j
                            + "]: " + error + " beyond half a step");
                    worst = Math.max(worst, error);
                }
            }
            assertTrue(worst > 0, name + " is not exactly representable");
        }
        assertEquals(0, loaded.paramTable().get("decoder_bx").sumNumber().doubleValue(), "small parameters not written");
        assertEquals(12 + 10 * (2 + 12) + before.entrySet().stream().filter(e -> weights.names().contains(e.getKey()))
                .mapToLong(e -> e.getValue().length() + 4 * Math.max(e.getValue().size(0), e.getValue().size(1)))
                .sum() + weights.names().stream().mapToLong(n -> n.length()).sum(), Files.size(file));
    }

    @Test
    void aQuantizedModelDirectoryIsAQuarterOfTheSizeAndTranslatesTheHeldOutSentencesAsBefore() throws IOException {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        ModelDirectory directory = ModelDirectory.load(tiny, false);
        Path floats = dir.resolve("floats");
        ModelDirectory.save(directory.model(), floats);
        Path out = dir.resolve("int8");
        Int8Weights weights = ModelDirectory.saveQuantized(directory.model(), Map.of(), out, 1);   // every matrix, tiny as they are
        assertTrue(weights.names().containsAll(List.of("source_embedding_W", "decoder_Wh", "output_W")), weights.names().toString());
        long bytes = Files.size(out.resolve(ModelDirectory.QUANTIZED)) + Files.size(out.resolve(ModelDirectory.GRAPH));
        assertTrue(bytes < 0.4 * Files.size(floats.resolve(ModelDirectory.GRAPH)), bytes + " bytes");
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        try (Translator plain = Translator.load(tiny); Translator quantized = Translator.load(out)) {
            assertEquals(plain.translate(sources), quantized.translate(sources));
        }
        Files.write(out.resolve(ModelDirectory.QUANTIZED), new byte[] {1});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.load(out, false));
        assertTrue(e.getMessage().contains("quantized.bin does not match its checksum"), e.getMessage());
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("quantized.bin");
        Int8Weights.of(graph()).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(file + ": truncated", assertThrows(IOException.class, () -> Int8Weights.load(file)).getMessage());
        Files.writeString(file, "not weights");
        assertEquals(file + ": not quantized weights (no S2SQ at its start)",
                assertThrows(IOException.class, () -> Int8Weights.load(file)).getMessage());
    }
}
