package org.seq2seq.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalization of the rows of a matrix (Ba et al. 2016), without gain and bias (the
 * caller scales by its gain and its bias follows): {@code x̂ = (x − mean(x)) / sqrt(var(x) + ε)}
 * with the biased variance and {@code ε = 1e-5}, as PyTorch's {@code layer_norm}; and its
 * backward pass, {@code dx = (dx̂ − mean(dx̂) − x̂ ∘ mean(dx̂ ∘ x̂)) / sqrt(var(x) + ε)} per row.
 * In ND4J ops for arrays of any type, and in Java for float rows inside a recurrence.
 */
public final class LayerNorm {
    /** ε added to the variance. */
    public static final double EPSILON = 1e-5;

    private LayerNorm() {
    }

    /**
     * Normalizes every row in place.
     *
     * @param x      {@code [N, K]}, 'c' ordered; receives x̂
     * @param invStd receives {@code 1 / sqrt(var + ε)} of every row {@code [N, 1]}
     * @return {@code x}
     */
    public static INDArray normalizeRows(INDArray x, INDArray invStd) {
        INDArray mean = x.mean(true, 1);                                           // [N, 1]
        Broadcast.subColumn(x, mean);
        INDArray variance = x.mul(x).mean(true, 1);                                // [N, 1]
        invStd.assign(Transforms.pow(variance.addi(EPSILON), -0.5, false));
        return Broadcast.mulColumn(x, invStd);
    }

    /**
     * The backward pass of {@link #normalizeRows}.
     *
     * @param dHat   dL/dx̂ {@code [N, K]}; not changed
     * @param xHat   x̂ {@code [N, K]}
     * @param invStd {@code [N, 1]}
     * @return dL/dx {@code [N, K]}, a new array
     */
    public static INDArray backwardRows(INDArray dHat, INDArray xHat, INDArray invStd) {
        INDArray product = Nd4j.createUninitialized(dHat.dataType(), dHat.shape(), 'c');
        Nd4j.exec(new MulOp(dHat, xHat, product));
        INDArray meanProduct = product.mean(true, 1);                              // mean(dx̂ ∘ x̂), [N, 1]
        INDArray dx = Broadcast.mulColumn(xHat.dup(), meanProduct);               // x̂ ∘ mean(dx̂ ∘ x̂)
        Broadcast.subColumn(dx.rsubi(dHat), dHat.mean(true, 1));
        return Broadcast.mulColumn(dx, invStd);
    }

    /**
     * Normalizes {@code rows} rows of {@code width} floats in place.
     *
     * @param x      the rows, from {@code at}; receive x̂
     * @param invStd receives {@code 1 / sqrt(var + ε)} of each row, from {@code invAt}
     */
    public static void normalizeRows(float[] x, int at, int rows, int width, float[] invStd, int invAt) {
        for (int r = 0; r < rows; r++) {
            int from = at + r * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += x[from + j];
            }
            float mean = (float) (sum / width);
            double squares = 0;
            for (int j = 0; j < width; j++) {
                float centred = x[from + j] - mean;
                x[from + j] = centred;
                squares += centred * centred;
            }
            float inv = (float) (1 / Math.sqrt(squares / width + EPSILON));
            for (int j = 0; j < width; j++) {
                x[from + j] *= inv;
            }
            invStd[invAt + r] = inv;
        }
    }

    /**
     * The backward pass of {@link #normalizeRows(float[], int, int, int, float[], int)}, in place.
     *
     * @param d      dL/dx̂ of the rows, from {@code at}; receive dL/dx
     * @param xHat   x̂ of the rows, from {@code hatAt}
     * @param invStd of the rows, from {@code invAt}
     */
    public static void backwardRows(float[] d, int at, float[] xHat, int hatAt, float[] invStd, int invAt, int rows,
                                    int width) {
        for (int r = 0; r < rows; r++) {
            int from = at + r * width;
            int hat = hatAt + r * width;
            double sum = 0;
            double dot = 0;
            for (int j = 0; j < width; j++) {
                sum += d[from + j];
                dot += d[from + j] * xHat[hat + j];
            }
            float mean = (float) (sum / width);
            float meanDot = (float) (dot / width);
            float inv = invStd[invAt + r];
            for (int j = 0; j < width; j++) {
                d[from + j] = (d[from + j] - mean - xHat[hat + j] * meanDot) * inv;
            }
        }
    }
}
