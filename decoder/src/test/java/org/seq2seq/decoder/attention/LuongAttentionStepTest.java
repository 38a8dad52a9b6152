package org.seq2seq.decoder.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A decoding step's attention over each hypothesis's own sentence computes what the batched
 * forward pass computes on the memory copied out per hypothesis.
 */
class LuongAttentionStepTest {
    private static final int H = 4;
    private static final int S = 5;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"DOT, FLOAT", "GENERAL, FLOAT", "DOT, DOUBLE", "GENERAL, DOUBLE"})
    void aStepOverEachHypothesisSentenceEqualsTheForwardPassOnCopiedMemory(Attention kind, DataType type) {
        Nd4j.getRandom().setSeed(5);
        int k = kind == Attention.DOT ? H : 6;
        LuongAttention.Params params = new LuongAttention.Params(
                kind == Attention.GENERAL ? Nd4j.rand(type, H, k).subi(0.5) : null, Nd4j.rand(type, k + H, H).subi(0.5));
        INDArray memory = Nd4j.rand(type, 3, S, k).subi(0.5).muli(3);                       // [B, S, K]
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}})
                .castTo(type);                                                                // [B, S]
        int[] sentences = {1, 1, 0, 2, 2, 2, 1, 0};                                           // hypotheses' sentences
        INDArray hidden = Nd4j.rand(type, sentences.length, H).subi(0.5).muli(2);            // [N, H]

        LuongAttention.StepPass step = LuongAttention.step(kind, params, hidden, memory, mask, sentences);
        INDArray copied = Nd4j.pullRows(memory.reshape('c', 3, S * k), 1, sentences).reshape('c', sentences.length, S, k);
        LuongAttention.Pass forward = LuongAttention.forward(kind, params, hidden.reshape('c', sentences.length, 1, H),
                copied, Nd4j.pullRows(mask, 1, sentences));
        double eps = type == DataType.FLOAT ? 1e-6 : 1e-12;
        assertArrayEquals(new long[] {sentences.length, H}, step.output().shape());
        assertTrue(forward.output().equalsWithEps(step.output(), eps), step.output() + " vs " + forward.output());
        assertTrue(forward.weights().reshape(sentences.length, S).equalsWithEps(step.weights(), eps));
        assertTrue(step.weights().getDouble(3, 2) == 0.0 && step.weights().getDouble(0, 4) > 0, "padding gets 0");

        assertThrows(IllegalArgumentException.class,
                () -> LuongAttention.step(kind, params, hidden, memory, mask, new int[] {0, 1}));
        assertThrows(IndexOutOfBoundsException.class, () -> LuongAttention.step(kind, params, hidden, memory, mask,
                new int[] {0, 1, 2, 3, 0, 0, 0, 0}));
    }
}
