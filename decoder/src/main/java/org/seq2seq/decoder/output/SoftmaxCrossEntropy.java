package org.seq2seq.decoder.output;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.RowSoftmax;
import org.seq2seq.nn.runtime.Scratch;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * Softmax cross-entropy against integer labels: one softmax over the logits, the labels'
 * probabilities read by index, and (for training) the gradient {@code softmax(z) - onehot(y)}
 * made in place of the probabilities.
 *
 * <p>Float arrays of their own memory (training's) are done in Java, a block of rows at a time
 * ({@link RowSoftmax}). Others (the gradient checks' doubles) use ND4J's fused softmax op, faster
 * than its log-softmax op (docs/performance.md, "SoftmaxCrossEntropy"); a label probability that underflows there (below {@link #UNDERFLOW}) would make the
 * loss infinite, so for such rows the log-probability is computed exactly from the logits' row.
 *
 * <p>Rows whose mask is 0 add nothing to the loss and get a zero gradient row.
 *
 * <p>With label smoothing ε (Szegedy et al. 2016) the target of a row is {@code q = (1 - ε) ·
 * onehot(y) + ε · u}, {@code u} uniform over the vocabulary but PAD (which is never a label):
 * the loss is {@code -Σ_k q_k log p_k} and its gradient {@code p - q}.
 */
final class SoftmaxCrossEntropy {
    /** Probabilities at or below this are recomputed in log space from the logits. */
    static final double UNDERFLOW = 1e-30;
    /** About how many values the Java path copies out of native memory at a time. */
    private static final int BLOCK_VALUES = 1 << 18;
    /**
     * The fewest values (rows × V) worth a thread of their own when the Java path splits its rows
     * ({@link RangeExecutor}); on 2 vCPUs arrays of fewer than twice this ran no faster in halves.
     */
    private static final long PART_VALUES = 1 << 15;

    private SoftmaxCrossEntropy() {
    }

    /**
     * The summed loss {@code -Σ_i m_i · log softmax(z_i)[y_i]}.
     *
     * @param logits        {@code [N, V]}, unchanged
     * @param probabilities receives {@code softmax(z)} {@code [N, V]}, 'c' order; not the logits
     * @param labels        N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask          N values, 1 for real rows and 0 for padding, or null when all rows are real
     */
    static double loss(INDArray logits, INDArray probabilities, int[] labels, double[] mask) {
        return loss(logits, probabilities, labels, mask, 0);
    }

    /**
     * The summed loss against the smoothed targets {@code -Σ_i m_i · Σ_k q_ik log softmax(z_i)[k]}
     * ({@code smoothing} 0: the plain cross-entropy).
     *
     * @param logits        {@code [N, V]}, unchanged
     * @param probabilities receives {@code softmax(z)} {@code [N, V]}, 'c' order; not the logits
     * @param labels        N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask          N values, 1 for real rows and 0 for padding, or null when all rows are real
     * @param smoothing     ε in {@code [0, 1)}
     */
    static double loss(INDArray logits, INDArray probabilities, int[] labels, double[] mask, double smoothing) {
        checkArguments(logits, probabilities, labels, mask, smoothing);
        if (inJava(logits, probabilities)) {
            return inJava(logits, null, probabilities, labels, mask, smoothing, false);
        }
        Nd4j.exec(new SoftMax(logits, probabilities));
        double[] rowSums = null;                    // Σ_k z_ik over the words but PAD, for smoothing
        long others = logits.size(1) - 1;           // the words but PAD
        if (smoothing > 0) {
            rowSums = logits.sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            double[] pad = logits.getColumn(SpecialToken.PAD.id()).castTo(DataType.DOUBLE)
                    .toDoubleVector();
            for (int i = 0; i < rowSums.length; i++) {
                rowSums[i] -= pad[i];
            }
        }
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            double m = mask == null ? 1 : mask[i];
            if (m != 0) {
                double p = probabilities.getDouble(i, labels[i]);
                double logP = p > UNDERFLOW ? Math.log(p) : logProbability(logits.getRow(i), labels[i]);
                if (smoothing == 0) {
                    loss -= m * logP;
                } else {
                    double logSumExp = logits.getDouble(i, labels[i]) - logP;
                    double sumLogP = rowSums[i] - others * logSumExp;         // Σ_{k ≠ PAD} log p_k
                    loss -= m * ((1 - smoothing) * logP + smoothing / others * sumLogP);
                }
            }
        }
        return loss;
    }

    /**
     * The summed loss as {@link #loss}, and its gradient with respect to the logits:
     * {@code m_i · (softmax(z_i) - onehot(y_i))} in row i.
     *
     * @param logits   {@code [N, V]}, unchanged
     * @param gradient receives the gradient {@code [N, V]}, 'c' order; not the logits
     * @param labels   N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask     N values, 1 for real rows and 0 for padding, or null when all rows are real
     */
    static double lossAndGradient(INDArray logits, INDArray gradient, int[] labels, double[] mask) {
        return lossAndGradient(logits, gradient, labels, mask, 0);
    }

    /**
     * The summed loss against the smoothed targets and its gradient {@code m_i · (softmax(z_i) - q_i)}.
     *
     * @param logits    {@code [N, V]}, unchanged
     * @param gradient  receives the gradient {@code [N, V]}, 'c' order; not the logits
     * @param labels    N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask      N values, 1 for real rows and 0 for padding, or null when all rows are real
     * @param smoothing ε in {@code [0, 1)}
     */
    static double lossAndGradient(INDArray logits, INDArray gradient, int[] labels, double[] mask, double smoothing) {
        return lossAndGradient(logits, null, gradient, labels, mask, smoothing);
    }

    /**
     * {@link #lossAndGradient(INDArray, INDArray, int[], double[], double)} of the logits
     * {@code products + bias}, the bias added to every row as it is read (the Java path), not in a
     * pass of its own over {@code [N, V]} (ND4J's broadcast add took 5% of a (b) training step).
     *
     * @param products {@code [N, V]}, the logits without the bias; unchanged
     * @param bias     {@code [1, V]}, or null for none
     */
    static double lossAndGradient(INDArray products, INDArray bias, INDArray gradient, int[] labels, double[] mask,
                                  double smoothing) {
        if (inJava(products, gradient)) {
            checkArguments(products, gradient, labels, mask, smoothing);
            if (bias != null && bias.length() != products.size(1)) {
                throw new IllegalArgumentException("a bias of " + bias.length() + " values for logits of "
                        + products.size(1) + " columns");
            }
            return inJava(products, bias == null ? null : NativeFloats.read(bias), gradient, labels, mask, smoothing,
                    true);
        }
        INDArray logits = bias == null ? products : Broadcast.addRow(products, bias, products.ulike());
        double loss = loss(logits, gradient, labels, mask, smoothing);
        if (smoothing > 0) {
            double share = smoothing / (logits.size(1) - 1);
            gradient.subi(share);
            gradient.getColumn(SpecialToken.PAD.id()).addi(share);
        }
        for (int i = 0; i < labels.length; i++) {
            double m = mask == null ? 1 : mask[i];
            if (m == 0) {
                gradient.getRow(i).assign(0);
            } else {
                gradient.putScalar(i, labels[i], gradient.getDouble(i, labels[i]) - (1 - smoothing));
                if (m != 1) {
                    gradient.getRow(i).muli(m);
                }
            }
        }
        return loss;
    }

    /** Float arrays of their own memory go through {@link #inJava(INDArray, float[], INDArray, int[], double[], double, boolean)}. */
    private static boolean inJava(INDArray logits, INDArray out) {
        return NativeFloats.isDense(logits) && NativeFloats.isDense(out);
    }

    /**
     * The loss, and the probabilities or the gradient, of float arrays in Java: a block of rows at
     * a time copied out of native memory, each row's softmax by {@link RowSoftmax} (ND4J's
     * softmax op calls the C library's scalar {@code expf}, and reading and writing the label
     * entries one by one cost an ND4J call each), the block written back. Log-probabilities come
     * from the log normalizer, so none underflows. Large arrays are done in parts of rows on the
     * threads of the {@link RangeExecutor#current() current executor}; the loss adds the rows'
     * terms in row order however many parts there were.
     *
     * @param bias     V values added to every row of the logits first, or null
     * @param out      receives the probabilities, or with {@code gradient} the gradient {@code [N, V]}
     * @param gradient whether to turn the probabilities into {@code m_i · (softmax(z_i) - q_i)}
     */
    private static double inJava(INDArray logits, float[] bias, INDArray out, int[] labels, double[] mask,
                                 double smoothing, boolean gradient) {
        int rows = labels.length;
        double[] rowLosses = new double[rows];
        int grain = (int) Math.max(1, (PART_VALUES + logits.size(1) - 1) / logits.size(1));
        RangeExecutor.current().split(rows, grain,
                (from, to) -> inJava(logits, bias, out, labels, mask, smoothing, gradient, from, to, rowLosses));
        double loss = 0;
        for (double rowLoss : rowLosses) {
            loss -= rowLoss;                                                        // in row order, however made
        }
        return loss;
    }

    /**
     * Rows {@code [from, to)} of {@link #inJava(INDArray, float[], INDArray, int[], double[], double, boolean)}:
     * their probabilities or gradient written to {@code out}, and each row's term of the loss with
     * its sign flipped (the mask-weighted log-probability of its target) to {@code rowLosses}.
     */
    private static void inJava(INDArray logits, float[] bias, INDArray out, int[] labels, double[] mask,
                               double smoothing, boolean gradient, int from, int to, double[] rowLosses) {
        int rows = to - from;
        int v = (int) logits.size(1);
        int others = v - 1;
        int pad = SpecialToken.PAD.id();
        float share = (float) (smoothing / others);
        float labelShare = (float) (1 - smoothing);
        int block = Math.max(1, Math.min(rows, BLOCK_VALUES / v));
        Scratch scratch = Scratch.forThisThread();                                  // reused: no garbage per step
        float[] values = scratch.floats(Scratch.GATES, block * v);                 // [rows of the block, V]
        float[] row = new float[v];
        RowSoftmax softmax = new RowSoftmax();
        for (int first = from; first < to; first += block) {
            int count = Math.min(block, to - first);
            NativeFloats.read(logits, (long) first * v, values, count * v);
            for (int r = 0; r < count; r++) {
                int i = first + r;
                double m = mask == null ? 1 : mask[i];
                System.arraycopy(values, r * v, row, 0, v);
                if (bias != null) {
                    for (int k = 0; k < v; k++) {
                        row[k] += bias[k];                                          // as ND4J's broadcast add
                    }
                }
                float labelLogit = m != 0 ? row[labels[i]] : 0;
                double rowSum = 0;                                                  // Σ_{k ≠ PAD} z_k, for smoothing
                if (m != 0 && smoothing > 0) {
                    for (int k = 0; k < v; k++) {
                        rowSum += row[k];
                    }
                    rowSum -= row[pad];
                }
                double logNormalizer = softmax.softmaxInPlace(row);                 // row: softmax(z_i)
                if (m != 0) {
                    double logP = labelLogit - logNormalizer;
                    rowLosses[i] = smoothing == 0 ? m * logP
                            : m * ((1 - smoothing) * logP + smoothing / others * (rowSum - others * logNormalizer));
                }
                if (gradient) {
                    if (m == 0) {
                        Arrays.fill(row, 0f);
                    } else {
                        if (smoothing > 0) {
                            for (int k = 0; k < v; k++) {
                                row[k] -= share;
                            }
                            row[pad] += share;
                        }
                        row[labels[i]] -= labelShare;
                        if (m != 1) {
                            float weight = (float) m;
                            for (int k = 0; k < v; k++) {
                                row[k] *= weight;
                            }
                        }
                    }
                }
                System.arraycopy(row, 0, values, r * v, v);
            }
            NativeFloats.write(values, 0, out, (long) first * v, count * v);
        }
    }

    /** {@code log softmax(z)[y]} of one row {@code [V]} (or {@code [1, V]}), in double precision. */
    private static double logProbability(INDArray row, int label) {
        double[] z = row.toDoubleVector();
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return z[label] - max - Math.log(sum);
    }

    private static void checkArguments(INDArray logits, INDArray probabilities, int[] labels, double[] mask,
                                       double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        }
        if (logits.rank() != 2 || logits.size(0) != labels.length) {
            throw new IllegalArgumentException("logits must be [N, V] with N = " + labels.length + " labels, got "
                    + Arrays.toString(logits.shape()));
        }
        if (!Arrays.equals(probabilities.shape(), logits.shape()) || probabilities.ordering() != 'c'
                || probabilities == logits) {
            throw new IllegalArgumentException("the probabilities need their own 'c'-ordered array of the logits' shape "
                    + Arrays.toString(logits.shape()) + ", got " + Arrays.toString(probabilities.shape()));
        }
        if (mask != null && mask.length != labels.length) {
            throw new IllegalArgumentException(mask.length + " mask values for " + labels.length + " labels");
        }
        long v = logits.size(1);
        for (int i = 0; i < labels.length; i++) {
            if ((mask == null || mask[i] != 0) && (labels[i] < 0 || labels[i] >= v)) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i
                        + " is outside the vocabulary of " + v);
            }
        }
    }
}
