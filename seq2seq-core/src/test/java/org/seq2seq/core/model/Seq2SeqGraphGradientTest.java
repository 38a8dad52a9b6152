package org.seq2seq.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.seq2seq.encoder.LstmImplementation;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.decoder.attention.Attention;

/** GradientCheckUtil over the whole assembled model, with source and target padding masked. */
@Tag("slow")
@ExtendWith(DoublePrecision.class)
class Seq2SeqGraphGradientTest {


    @ParameterizedTest(name = "encoder layers {0}, feed context {1}, bidirectional {2}, attention {3}, LSTM {4}")
    @CsvSource({"1, false, false, none, FUSED", "2, true, false, none, FUSED", "1, false, true, none, FUSED",
            "2, true, true, none, FUSED", "1, false, false, dot, FUSED", "1, true, true, general, FUSED",
            "2, false, true, dot, FUSED", "2, false, true, dot, DL4J"})
    void wholeGraphGradientCheckWithMasks(int layers, boolean feedContext, boolean bidirectional, String attention,
                                          LstmImplementation lstm) {
        check(ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).encoderLayers(layers).feedContext(feedContext)
                .bidirectional(bidirectional).attention(Attention.parse(attention)).encoderLstm(lstm).build());
    }

    @ParameterizedTest(name = "decoder layers {0}, residual {1}, feed context {2}, attention {3}")
    @CsvSource({"2, false, true, general", "3, true, false, dot"})
    void stackedDecoderGradientCheckWithMasks(int decoderLayers, boolean residual, boolean feedContext,
                                              String attention) {
        check(ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(feedContext).bidirectional(true)
                .attention(Attention.parse(attention)).decoderLayers(decoderLayers).decoderResidual(residual).build());
    }

    @ParameterizedTest(name = "decoder layers {0}, feed context {1}, attention {2}, encoder {3}, decoder {4}")
    @CsvSource({"1, true, general, false, true", "2, false, dot, false, true", "1, true, general, true, true",
            "1, false, none, true, false"})
    void layerNormalizedGradientCheckWithMasks(int decoderLayers, boolean feedContext, String attention,
                                               boolean encoderLayerNorm, boolean decoderLayerNorm) {
        check(ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(feedContext).bidirectional(true)
                .attention(Attention.parse(attention)).decoderLayers(decoderLayers).decoderResidual(decoderLayers > 1)
                .decoderLayerNorm(decoderLayerNorm).encoderLayerNorm(encoderLayerNorm).build());
    }

    private static void check(ModelConfig model) {
        ComputationGraph graph = Seq2SeqGraph.create(model, new NoOp(), 123, DataType.DOUBLE);
        // three pairs of different lengths on both sides, so both masks have padding
        MultiDataSet batch = PaddedBatch.of(List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {4, 5}),
                new EncodedPair(new int[] {8, 4}, new int[] {6, 7, 4, 5}),
                new EncodedPair(new int[] {5}, new int[] {7}))).toMultiDataSet(DataType.DOUBLE);

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(batch.getFeatures()).labels(batch.getLabels())
                .inputMask(batch.getFeaturesMaskArrays()).labelMask(batch.getLabelsMaskArrays())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, "gradient check of the whole model failed");
    }
}
