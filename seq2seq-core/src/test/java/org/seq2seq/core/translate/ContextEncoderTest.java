package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.encoder.LstmEncoder;
import org.seq2seq.encoder.LstmImplementation;

/** The encoder run on its own computes with the model's parameter arrays, not copies of them. */
class ContextEncoderTest {

    @ParameterizedTest(name = "{0} LSTM, bidirectional {1}, attention {2}")
    @CsvSource({"FUSED, true, general", "FUSED, false, none", "DL4J, true, dot", "DL4J, false, none"})
    void encodesWithTheModelsOwnArrays(LstmImplementation lstm, boolean bidirectional, String attention) {
        Vocabulary source = Vocabulary.ofTokens(List.of("a", "b", "c", "d", "e"));
        Vocabulary target = Vocabulary.ofTokens(List.of("x", "y", "z", "w"));
        ModelConfig config = ModelConfig.builder(source.size(), target.size()).embeddingSize(6).hiddenSize(8)
                .encoderLayers(2).feedContext(true).bidirectional(bidirectional).attention(Attention.parse(attention))
                .encoderLstm(lstm).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new NoOp(), 7, DataType.FLOAT);
        TokenizerSpec words = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        ContextEncoder encoder = new ContextEncoder(new Seq2SeqModel(graph, config, source, target, words, words));

        Map<String, Map<String, INDArray>> tables = encoder.parameterTables();
        assertFalse(tables.isEmpty());
        for (var layer : tables.entrySet()) {
            Map<String, INDArray> trained = graph.getLayer(layer.getKey()).paramTable();
            assertEquals(trained.keySet(), layer.getValue().keySet(), layer.getKey());
            for (var param : layer.getValue().entrySet()) {
                assertSame(trained.get(param.getKey()), param.getValue(), layer.getKey() + " " + param.getKey());
            }
        }

        INDArray ids = Nd4j.create(new float[] {4, 5, 6, 7, 8, 4, 0, 0}, new long[] {2, 1, 4}, 'c');
        INDArray mask = Nd4j.create(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, new long[] {2, 4}, 'c');
        INDArray before = encoder.encode(ids, mask).context().dup();
        graph.getLayer(LstmEncoder.EMBEDDING).getParam("W").muli(2);      // the model's weights, in place
        INDArray after = encoder.encode(ids, mask).context();
        assertFalse(before.equalsWithEps(after, 1e-6), "the encoder did not see the model's weights change");
    }
}
