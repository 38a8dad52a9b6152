package org.seq2seq.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.encoder.LstmImplementation;

/** The builders name the field that is wrong; the saved configuration keeps its JSON form. */
class ModelShapeTest {

    @Test
    void everyFieldOutOfRangeIsNamed() {
        List<Case> cases = List.of(
                new Case("embeddingSize", b -> b.embeddingSize(0)),
                new Case("hiddenSize", b -> b.hiddenSize(-3)),
                new Case("encoderLayers", b -> b.encoderLayers(0)),
                new Case("decoderLayers", b -> b.decoderLayers(0)),
                new Case("dropout", b -> b.dropout(1.0)),
                new Case("dropout", b -> b.dropout(Double.NaN)),
                new Case("hiddenSize must be even", b -> b.hiddenSize(15).bidirectional(true)),
                new Case("decoderResidual", b -> b.decoderResidual(true)));
        for (Case c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.change().apply(ModelShape.builder()).build());
            assertTrue(e.getMessage().contains(c.field()), "'" + e.getMessage() + "' should name " + c.field());
        }
        assertThrows(NullPointerException.class, () -> ModelShape.builder().attention(null).build());
    }

    @Test
    void theConfigurationNamesItsOwnFieldsToo() {
        IllegalArgumentException vocabulary = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(4, 9).build());
        assertTrue(vocabulary.getMessage().startsWith("sourceVocabularySize"), vocabulary.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(9, 2).build());
        assertTrue(target.getMessage().startsWith("targetVocabularySize"), target.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(9, 9).hiddenSize(0).build());
        assertTrue(shape.getMessage().startsWith("hiddenSize"), shape.getMessage());
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(9, 9).encoderLayerNorm(true).encoderLstm(LstmImplementation.DL4J).build());
        assertTrue(norm.getMessage().startsWith("encoderLayerNorm"), norm.getMessage());
    }

    @Test
    void buildersAndTheirCopiesAgree() {
        ModelShape shape = ModelShape.builder().embeddingSize(32).hiddenSize(64).encoderLayers(2).dropout(0.25)
                .feedContext(true).bidirectional(true).attention(Attention.GENERAL).decoderLayers(3)
                .decoderResidual(true).decoderLayerNorm(true).encoderLayerNorm(true).build();
        assertEquals(shape, shape.toBuilder().build());
        assertEquals(shape.hashCode(), shape.toBuilder().build().hashCode());
        ModelConfig config = shape.config(11, 12);
        assertEquals(shape, config.shape());
        assertEquals(config, config.toBuilder().build());
        assertEquals(LstmImplementation.FUSED, config.encoderLstm());
        assertEquals(ModelShape.defaults(), ModelShape.builder().embeddingSize(256).hiddenSize(512).build());
    }

    @Test
    void theJsonFormatKeepsItsFieldsAndOldFilesStillRead() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelConfig config = ModelConfig.builder(29, 27).embeddingSize(16).hiddenSize(32).feedContext(true)
                .attention(Attention.DOT).build();
        assertEquals(List.of("sourceVocabularySize", "targetVocabularySize", "embeddingSize", "hiddenSize",
                "encoderLayers", "dropout", "feedContext", "bidirectional", "attention", "encoderLstm",
                "decoderLayers", "decoderResidual", "decoderLayerNorm", "encoderLayerNorm"),
                List.copyOf(iterable(json.valueToTree(config).fieldNames())));
        // a model.json written before the encoder had its own LSTM layers, stacked decoders and layer norm
        ModelConfig old = json.readValue("{\"sourceVocabularySize\":29,\"targetVocabularySize\":27,"
                + "\"embeddingSize\":16,\"hiddenSize\":32,\"encoderLayers\":1,\"dropout\":0.0,\"feedContext\":true,"
                + "\"bidirectional\":false,\"attention\":\"DOT\"}", ModelConfig.class);
        assertEquals(config.toBuilder().encoderLstm(LstmImplementation.DL4J).build(), old);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private record Case(String field, UnaryOperator<ModelShape.Builder> change) {
    }
}
