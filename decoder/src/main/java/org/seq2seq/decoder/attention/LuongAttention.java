package org.seq2seq.decoder.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.runtime.Scratch;

/**
 * Luong global attention for a batch of B sentences, T decoder steps at once (T = 1 for a search
 * step), over S source positions:
 *
 * <pre>
 * q      = h · Wa (general) or h (dot)           [B, T, K]
 * e      = q · m^T, −1e9 at padded source        [B, T, S]
 * a      = softmax over S of e                   [B, T, S]   the attention weights
 * c      = a · m                                 [B, T, K]   the attended context
 * out    = tanh([c ; h] · Wc)                    [B·T, H]
 * </pre>
 *
 * with decoder outputs {@code h [B, T, H]}, encoder outputs {@code m [B, S, K]}. Stateless;
 * arrays are 'c' ordered. Padded source positions get weight exactly 0 (their score is −1e9
 * below the rest, whose exponential underflows) and so no gradient.
 */
public final class LuongAttention {
    private static final double MASKED_SCORE = -1e9;

    private LuongAttention() {
    }

    /**
     * The parameters.
     *
     * @param scoreWeights   {@code Wa [H, K]} for {@link Attention#GENERAL}, null for {@link Attention#DOT}
     * @param combineWeights {@code Wc [K + H, H]}: rows 0..K−1 read the context, the rest the decoder output
     */
    public record Params(INDArray scoreWeights, INDArray combineWeights) {
        public Params {
            Objects.requireNonNull(combineWeights, "combineWeights");
        }
    }

    /**
     * What the forward pass computed and the backward pass reads.
     *
     * @param queries  {@code [B, T, K]}
     * @param weights  the attention weights {@code [B, T, S]}, each row summing to 1 over the real
     *                 source positions
     * @param combined {@code [c ; h]} {@code [B·T, K + H]}
     * @param output   {@code tanh(combined · Wc)} {@code [B·T, H]}, row {@code b·T + t}
     */
    public record Pass(INDArray queries, INDArray weights, INDArray combined, INDArray output) {
    }

    /**
     * dL/d(inputs); the parameter gradients are written into the arrays given to
     * {@link #backward}.
     *
     * @param hidden dL/dh {@code [B, T, H]}
     * @param memory dL/dm {@code [B, S, K]}, zero at padded source positions
     */
    public record InputGradients(INDArray hidden, INDArray memory) {
    }

    /**
     * @param kind       DOT or GENERAL
     * @param params     the parameters
     * @param hidden     decoder outputs {@code [B, T, H]}
     * @param memory     encoder outputs {@code [B, S, K]}
     * @param sourceMask 1 at real source tokens, 0 at padding {@code [B, S]}, or null for none
     */
    public static Pass forward(Attention kind, Params params, INDArray hidden, INDArray memory, INDArray sourceMask) {
        long b = hidden.size(0);
        long t = hidden.size(1);
        long h = hidden.size(2);
        long s = memory.size(1);
        long k = memory.size(2);
        if (memory.size(0) != b || (kind == Attention.DOT && k != h)) {
            throw new IllegalArgumentException("attention over memory " + java.util.Arrays.toString(memory.shape())
                    + " from decoder outputs " + java.util.Arrays.toString(hidden.shape()) + " (" + kind + ")");
        }
        INDArray queries = kind == Attention.GENERAL
                ? Gemm.product(hidden.reshape('c', b * t, h), params.scoreWeights()).reshape('c', b, t, k)
                : hidden;                                                                   // [B, T, K]
        INDArray scores = Nd4j.matmul(queries, memory, false, true, false);                // [B, T, S]
        if (sourceMask != null) {
            INDArray penalty = sourceMask.castTo(scores.dataType()).rsub(1.0).muli(MASKED_SCORE);   // [B, S]
            Broadcast.add(scores, penalty, 0, 2);
        }
        Nd4j.exec(new SoftMax(scores, scores, 2));                                          // a [B, T, S]
        INDArray context = Nd4j.matmul(scores, memory);                                     // [B, T, K]
        INDArray combined = Nd4j.concat(2, context, hidden).reshape('c', b * t, k + h);    // [B·T, K + H]
        INDArray output = Transforms.tanh(Gemm.product(combined, params.combineWeights()), false);  // [B·T, H]
        return new Pass(queries, scores, combined, output);
    }

    /**
     * One decoding step's attention, for N hypotheses each reading the encoder outputs of its
     * sentence: {@link #forward} with T = 1, where hypothesis i attends over
     * {@code memory[sentences[i]]}. The sentences' memory is read where it is, not copied per
     * hypothesis, and the hypotheses of one sentence that sit next to each other share one
     * product ({@link Gemm#grouped}).
     *
     * @param hidden     the decoder outputs {@code [N, H]}
     * @param memory     each sentence's encoder outputs {@code [B, S, K]}
     * @param sourceMask 1 at each sentence's real source positions {@code [B, S]}, or null
     * @param sentences  each hypothesis's sentence, N indices in {@code [0, B)}
     * @return the attentional outputs {@code [N, H]} and weights {@code [N, S]}
     */
    public static StepPass step(Attention kind, Params params, INDArray hidden, INDArray memory, INDArray sourceMask,
                                int[] sentences) {
        return step(kind, params, hidden, memory, null, sourceMask, sentences);
    }

    /**
     * The keys general attention scores a decoder output against: {@code m_j · Waᵀ} for every
     * source position j, so that the score {@code h · Wa · m_j} is {@code h · key_j}. Computed once
     * per sentence, they save each decoding step the product {@code h · Wa} of every row
     * ({@code [N, H] · [H, K]}) for one of {@code [N, H] · [H, S]} per sentence.
     *
     * @param memory each sentence's encoder outputs {@code [B, S, K]}
     * @return {@code [B, S, H]}; null for dot attention, whose keys are the memory itself
     */
    public static INDArray keys(Attention kind, Params params, INDArray memory) {
        if (kind != Attention.GENERAL) {
            return null;
        }
        long b = memory.size(0);
        long s = memory.size(1);
        long k = memory.size(2);
        INDArray rows = memory.dup('c').reshape('c', b * s, k);                                      // [B·S, K]
        INDArray keys = Gemm.into(rows, params.scoreWeights(), Nd4j.create(memory.dataType(), b * s,
                params.scoreWeights().size(0)), false, true, 1.0, 0.0);                              // [B·S, H]
        return keys.reshape('c', b, s, keys.size(1));
    }

    /**
     * {@link #step(Attention, Params, INDArray, INDArray, INDArray, int[])} with the keys of
     * {@link #keys} computed before (null: from the memory at every step, as without them).
     *
     * @param keys {@code [B, S, H]} or null
     */
    public static StepPass step(Attention kind, Params params, INDArray hidden, INDArray memory, INDArray keys,
                                INDArray sourceMask, int[] sentences) {
        long n = hidden.size(0);
        long h = hidden.size(1);
        long s = memory.size(1);
        long k = memory.size(2);
        if (hidden.rank() != 2 || memory.rank() != 3 || sentences.length != n || (kind == Attention.DOT && k != h)) {
            throw new IllegalArgumentException("attention over memory " + java.util.Arrays.toString(memory.shape())
                    + " from decoder outputs " + java.util.Arrays.toString(hidden.shape()) + " of " + sentences.length
                    + " sentences (" + kind + ")");
        }
        INDArray scores;                                                                            // [N, S]
        if (keys != null) {
            scores = Gemm.grouped(hidden, keys, sentences, Nd4j.create(hidden.dataType(), n, s), true);
        } else {
            INDArray queries = kind == Attention.GENERAL ? Gemm.product(hidden, params.scoreWeights()) : hidden;   // [N, K]
            scores = Gemm.grouped(queries, memory, sentences, Nd4j.create(hidden.dataType(), n, s), true);
        }
        if (sourceMask != null) {
            INDArray penalty = Nd4j.pullRows(sourceMask.castTo(scores.dataType()), 1, sentences)
                    .rsubi(1.0).muli(MASKED_SCORE);                                                  // [N, S]
            scores.addi(penalty);
        }
        Nd4j.exec(new SoftMax(scores, scores, 1));                                                  // a [N, S]
        INDArray context = Gemm.grouped(scores, memory, sentences, Nd4j.create(hidden.dataType(), n, k), false);  // [N, K]
        INDArray combineContext = params.combineWeights().get(interval(0, k), all());               // [K, H]
        INDArray combineHidden = params.combineWeights().get(interval(k, k + h), all());            // [H, H]
        INDArray output = Gemm.into(context, combineContext, Nd4j.create(hidden.dataType(), n, h), false, false, 1.0, 0.0);
        Gemm.into(hidden, combineHidden, output, false, false, 1.0, 1.0);                          // [c ; h]·Wc
        if (output.dataType() == DataType.FLOAT) {                                                 // tanh in Java
            float[] values = NativeFloats.read(output);
            Scratch.forThisThread().math().tanh(values, values.length);
            output = NativeFloats.create(values, n, h);
        } else {
            Transforms.tanh(output, false);
        }
        return new StepPass(output, scores);
    }

    /**
     * What {@link #step} computed.
     *
     * @param output  {@code tanh([c ; h]·Wc)} {@code [N, H]}
     * @param weights the attention weights {@code [N, S]}
     */
    public record StepPass(INDArray output, INDArray weights) {
    }

    /**
     * Backpropagation through {@link #forward}.
     *
     * @param pass            the forward pass for these inputs
     * @param dOutput         dL/d(output) {@code [B·T, H]}
     * @param dScoreWeights   receives dL/dWa {@code [H, K]} (GENERAL), else null
     * @param dCombineWeights receives dL/dWc {@code [K + H, H]}
     */
    public static InputGradients backward(Attention kind, Params params, INDArray hidden, INDArray memory, Pass pass,
                                          INDArray dOutput, INDArray dScoreWeights, INDArray dCombineWeights) {
        long b = hidden.size(0);
        long t = hidden.size(1);
        long h = hidden.size(2);
        long k = memory.size(2);
        INDArray out = pass.output();
        INDArray dPre = out.mul(out).rsubi(1.0).muli(dOutput);                              // [B·T, H]
        Gemm.into(pass.combined(), dPre, dCombineWeights, true, false, 1.0, 0.0);
        INDArray dCombined = Gemm.product(dPre, params.combineWeights().transpose());               // [B·T, K + H]
        INDArray dContext = dCombined.get(all(), interval(0, k)).dup('c').reshape('c', b, t, k);
        INDArray dHidden = dCombined.get(all(), interval(k, k + h)).dup('c').reshape('c', b, t, h);

        INDArray a = pass.weights();                                                        // [B, T, S]
        INDArray dA = Nd4j.matmul(dContext, memory, false, true, false);                    // [B, T, S]
        INDArray dMemory = Nd4j.matmul(a, dContext, true, false, false);                    // [B, S, K]
        // softmax: de = a ⊙ (da − Σ_s da ⊙ a); zero where a is zero (padding)
        INDArray rowDot = dA.mul(a).sum(2);                                                 // [B, T]
        Broadcast.sub(dA, rowDot, 0, 1);
        INDArray dScores = dA.muli(a);                                                      // [B, T, S]
        INDArray dQueries = Nd4j.matmul(dScores, memory);                                   // [B, T, K]
        dMemory.addi(Nd4j.matmul(dScores, pass.queries(), true, false, false));
        if (kind == Attention.GENERAL) {
            INDArray dq = dQueries.reshape('c', b * t, k);
            Gemm.into(hidden.reshape('c', b * t, h), dq, dScoreWeights, true, false, 1.0, 0.0);
            dHidden.addi(Gemm.product(dq, params.scoreWeights().transpose()).reshape('c', b, t, h));
        } else {
            dHidden.addi(dQueries);
        }
        return new InputGradients(dHidden, dMemory);
    }
}
