package org.seq2seq.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer-normalized recurrent cell keeps of its forward pass for BPTT: the normalized
 * input projections of all steps and the normalized recurrent projection of each step, with the
 * inverse standard deviations of their rows ({@link LayerNorm}). G is the width of the gate
 * pre-activations (3H for a GRU, 4H for an LSTM).
 *
 * @param xHat    the normalized input projections {@code [T·B, G]}
 * @param xInvStd {@code 1 / sqrt(var + ε)} of each of their rows {@code [T·B, 1]}
 * @param hHat    the normalized recurrent projections of every step {@code [T·B, G]}
 * @param hInvStd {@code [T·B, 1]}
 */
public record NormalizedProjections(INDArray xHat, INDArray xInvStd, INDArray hHat, INDArray hInvStd) {

    /**
     * Normalizes the input projections of all steps in place and makes room for the recurrent ones.
     *
     * @param projections {@code [T·B, G]}, 'c' ordered; receives {@code LN(rows) ∘ gain}
     * @param gain        {@code [1, G]}
     * @param arena       where the kept arrays go, or null for the current workspace
     */
    public static NormalizedProjections ofInputs(INDArray projections, INDArray gain, Arena arena) {
        DataType type = projections.dataType();
        long rows = projections.size(0);
        long width = projections.size(1);
        INDArray xInvStd = Arena.matrix(arena, type, rows, 1);
        LayerNorm.normalizeRows(projections, xInvStd);
        INDArray xHat = Arena.matrix(arena, type, rows, width).assign(projections);
        Broadcast.mulRow(projections, gain);
        return new NormalizedProjections(xHat, xInvStd, Arena.matrix(arena, type, rows, width),
                Arena.matrix(arena, type, rows, 1));
    }

    /**
     * Normalizes one step's recurrent projections in place, keeping them normalized.
     *
     * @param product the step's {@code h·Wh} {@code [B, G]}; receives {@code LN(rows) ∘ gain}
     * @param gain    {@code [1, G]}
     * @param row     the step's first row in the kept arrays ({@code t·B})
     */
    public void normalizeStep(INDArray product, INDArray gain, long row) {
        long batch = product.size(0);
        LayerNorm.normalizeRows(product, TimeMajor.rows(hInvStd, row, batch));
        TimeMajor.rows(hHat, row, batch).assign(product);
        Broadcast.mulRow(product, gain);
    }

    /**
     * dL/d(step's h·Wh) from dL/d(its normalized and scaled value).
     *
     * @param dScaled dL/d(LN(h·Wh) ∘ gain) {@code [B, G]}; not changed
     * @return {@code [B, G]}, a new array
     */
    public INDArray stepBackward(INDArray dScaled, INDArray gain, long row) {
        long batch = dScaled.size(0);
        return LayerNorm.backwardRows(Broadcast.mulRow(dScaled.dup(), gain), TimeMajor.rows(hHat, row, batch),
                TimeMajor.rows(hInvStd, row, batch));
    }

    /**
     * The gains' gradients and dL/d(input projections), once the recurrence's backward pass has
     * given the gradients of both scaled projections.
     *
     * @param dInputs    dL/d(LN(x·Wx) ∘ gainX) {@code [T·B, G]}; not changed
     * @param dRecurrent dL/d(LN(h·Wh) ∘ gainH) of every step {@code [T·B, G]}; not changed
     * @param dGainX     receives dL/d(gainX) {@code [1, G]}
     * @param dGainH     receives dL/d(gainH) {@code [1, G]}
     * @return dL/d(x·Wx) {@code [T·B, G]}, a new array
     */
    public INDArray backward(INDArray dInputs, INDArray dRecurrent, INDArray gainX, INDArray dGainX,
                             INDArray dGainH) {
        ColumnSums.into(dInputs.mul(xHat), dGainX);
        ColumnSums.into(dRecurrent.mul(hHat), dGainH);
        return LayerNorm.backwardRows(Broadcast.mulRow(dInputs.dup(), gainX), xHat, xInvStd);
    }

    /**
     * Normalizes a step's float recurrent projections in place, keeps them normalized and scales
     * them by the gain: the Java loop's counterpart of {@link #normalizeStep}.
     *
     * @param product the step's {@code h·Wh} {@code [B, G]}
     * @param hHat    all steps' normalized projections {@code [T·B, G]}, written at row {@code t·B}
     * @param hInvStd {@code [T·B]}
     */
    public static void normalizeStep(float[] product, float[] gain, float[] hHat, float[] hInvStd, int t, int batch,
                                     int width) {
        LayerNorm.normalizeRows(product, 0, batch, width, hInvStd, t * batch);
        System.arraycopy(product, 0, hHat, t * batch * width, batch * width);
        scale(product, gain, batch, width);
    }

    /**
     * The backward pass of the float {@link #normalizeStep(float[], float[], float[], float[], int, int, int)},
     * in place: dL/d(scaled) in, dL/d(h·Wh) out.
     */
    public static void stepBackward(float[] d, float[] gain, float[] hHat, float[] hInvStd, int t, int batch,
                                    int width) {
        scale(d, gain, batch, width);
        LayerNorm.backwardRows(d, 0, hHat, t * batch * width, hInvStd, t * batch, batch, width);
    }

    /** Multiplies each of {@code rows} rows of {@code width} by the gain. */
    public static void scale(float[] values, float[] gain, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                values[r * width + j] *= gain[j];
            }
        }
    }
}
