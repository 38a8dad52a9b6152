package org.seq2seq.decoder.output;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy against integer labels, computed in place on a logits matrix: one
 * log-softmax, the labels' log-probabilities read by index, and (for training) one exponential
 * that turns the log-probabilities into the gradient {@code softmax(z) - onehot(y)}.
 *
 * <p>Rows whose mask is 0 add nothing to the loss and get a zero gradient row.
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * The summed loss {@code -Σ_i m_i · log softmax(z_i)[y_i]}; {@code logits} is left holding the
     * log-probabilities.
     *
     * @param logits {@code [N, V]}, 'c' order; overwritten
     * @param labels N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask   N values, 1 for real rows and 0 for padding, or null when all rows are real
     */
    static double loss(INDArray logits, int[] labels, double[] mask) {
        checkShapes(logits, labels, mask);
        Nd4j.exec(new LogSoftMax(logits, logits));
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            if (mask == null || mask[i] != 0) {
                loss -= mask == null ? logits.getDouble(i, labels[i]) : mask[i] * logits.getDouble(i, labels[i]);
            }
        }
        return loss;
    }

    /**
     * The summed loss as {@link #loss}, and {@code logits} turned into its gradient with respect
     * to the logits: {@code m_i · (softmax(z_i) - onehot(y_i))} in row i.
     *
     * @param logits {@code [N, V]}, 'c' order; overwritten with the gradient {@code [N, V]}
     * @param labels N label ids in {@code [0, V)} (ignored where the mask is 0)
     * @param mask   N values, 1 for real rows and 0 for padding, or null when all rows are real
     */
    static double lossAndGradient(INDArray logits, int[] labels, double[] mask) {
        double loss = loss(logits, labels, mask);
        Transforms.exp(logits, false);                                       // softmax, [N, V]
        for (int i = 0; i < labels.length; i++) {
            double m = mask == null ? 1 : mask[i];
            if (m == 0) {
                logits.getRow(i).assign(0);
            } else {
                logits.putScalar(i, labels[i], logits.getDouble(i, labels[i]) - 1);
                if (m != 1) {
                    logits.getRow(i).muli(m);
                }
            }
        }
        return loss;
    }

    private static void checkShapes(INDArray logits, int[] labels, double[] mask) {
        if (logits.rank() != 2 || logits.size(0) != labels.length || logits.ordering() != 'c') {
            throw new IllegalArgumentException("logits must be [N, V] in 'c' order with N = " + labels.length
                    + " labels, got " + java.util.Arrays.toString(logits.shape()) + " '" + logits.ordering() + "'");
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
