package org.seq2seq.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * Helpers for the recurrent cells' time-major sequences: 2-D arrays whose row {@code t·B + b} is
 * step t of sequence b, so that one step is a contiguous block of B rows.
 */
public final class TimeMajor {
    /**
     * The fewest values a thread copies in a split of {@link #fromNcw}: about 2 µs of copying at
     * half a nanosecond a value, the order of a hand-over (an estimate, not a measurement).
     */
    private static final int PART_VALUES = 1 << 12;

    private TimeMajor() {
    }

    /**
     * A DL4J recurrent input as a time-major copy: row {@code t·B + b} holds the first
     * {@code features} features of step t of sequence b.
     *
     * @param ncw      {@code [B, F, T]}
     * @param features how many of the F features to take, from the first
     * @return {@code [T·B, features]}, 'c' ordered
     */
    public static INDArray fromNcw(INDArray ncw, long features) {
        return fromNcw(ncw, 0, features);
    }

    /**
     * Features {@code [first, first + features)} of a DL4J recurrent array as a time-major copy:
     * {@code rows[t·B + b, f] = ncw[b, first + f, t]}. Dense float arrays are copied in Java
     * (ND4J's permuted copies took 1–2% of a (b) training step each); others through ND4J.
     *
     * @param ncw {@code [B, F, T]}
     * @return {@code [T·B, features]}, 'c' ordered
     */
    public static INDArray fromNcw(INDArray ncw, long first, long features) {
        long batch = ncw.size(0);
        long steps = ncw.size(2);
        if (first < 0 || features < 0 || first + features > ncw.size(1)) {
            throw new IllegalArgumentException("features " + first + " to " + (first + features) + " of "
                    + Arrays.toString(ncw.shape()));
        }
        if (NativeFloats.isDense(ncw)) {
            float[] from = NativeFloats.read(ncw);
            int b = (int) batch;
            int f = (int) ncw.size(1);
            int t = (int) steps;
            int width = (int) features;
            int firstFeature = (int) first;
            float[] to = new float[b * t * width];
            // written in order, read at a stride of T; parts of the steps on the executor's threads
            int grain = Math.max(1, PART_VALUES / Math.max(1, b * width));
            RangeExecutor.current().split(t, grain, (fromStep, toStep) -> {
                for (int s = fromStep; s < toStep; s++) {
                    for (int i = 0; i < b; i++) {
                        int row = (s * b + i) * width;
                        int at = (i * f + firstFeature) * t + s;
                        for (int j = 0; j < width; j++) {
                            to[row + j] = from[at + j * t];
                        }
                    }
                }
            });
            return NativeFloats.create(to, steps * batch, features);
        }
        INDArray taken = first == 0 && features == ncw.size(1) ? ncw
                : ncw.get(all(), interval(first, first + features), all());
        return taken.permute(2, 0, 1).dup('c').reshape('c', steps * batch, features);
    }

    /**
     * Time-major rows as DL4J's recurrent layout: {@code ncw[b, f, t] = rows[t·B + b, f]}, what
     * DL4J's {@code TimeSeriesUtils.reshape2dTo3d} computes (an output layer's input gradient).
     *
     * @param rows {@code [T·B, F]}; unchanged
     * @param ncw  {@code [B, F, T]}, overwritten
     * @return {@code ncw}
     */
    public static INDArray toNcw(INDArray rows, INDArray ncw) {
        if (rows.rank() != 2 || rows.size(1) != ncw.size(1)) {
            throw new IllegalArgumentException("rows " + Arrays.toString(rows.shape()) + " do not fill "
                    + Arrays.toString(ncw.shape()));
        }
        return toNcw(rows, ncw, 0);
    }

    /**
     * Time-major rows into features {@code [first, first + F')} of DL4J's recurrent layout:
     * {@code ncw[b, first + f, t] = rows[t·B + b, f]}; the other features keep their values. Float
     * rows lying next to each other and a dense float {@code ncw} are copied in Java (ND4J's
     * permuted copy took 5% of a (b) training step for {@code [384, 128]}); others through ND4J.
     *
     * @param rows {@code [T·B, F']}; unchanged
     * @param ncw  {@code [B, F, T]}, F' + first ≤ F
     * @return {@code ncw}
     */
    public static INDArray toNcw(INDArray rows, INDArray ncw, long first) {
        long batch = ncw.size(0);
        long features = rows.rank() == 2 ? rows.size(1) : -1;
        long steps = ncw.size(2);
        if (rows.rank() != 2 || ncw.rank() != 3 || rows.size(0) != batch * steps || first < 0
                || first + features > ncw.size(1)) {
            throw new IllegalArgumentException("rows " + Arrays.toString(rows.shape()) + " do not fit "
                    + Arrays.toString(ncw.shape()) + " from feature " + first);
        }
        if (rows.dataType() == DataType.FLOAT && rows.ordering() == 'c' && rows.elementWiseStride() == 1
                && NativeFloats.isDense(ncw)) {
            float[] from = NativeFloats.read(rows);
            boolean whole = first == 0 && features == ncw.size(1);
            float[] to = whole ? new float[(int) ncw.length()] : NativeFloats.read(ncw);
            int b = (int) batch;
            int f = (int) ncw.size(1);
            int t = (int) steps;
            int width = (int) features;
            for (int s = 0; s < t; s++) {
                for (int i = 0; i < b; i++) {
                    int row = (s * b + i) * width;
                    int column = (i * f + (int) first) * t + s;
                    for (int j = 0; j < width; j++) {
                        to[column + j * t] = from[row + j];
                    }
                }
            }
            NativeFloats.write(to, 0, ncw, 0, to.length);
        } else {
            INDArray target = first == 0 && features == ncw.size(1) ? ncw
                    : ncw.get(all(), interval(first, first + features), all());
            target.assign(rows.reshape('c', steps, batch, features).permute(1, 2, 0));
        }
        return ncw;
    }

    /** Rows {@code from .. from+count-1} of a c-ordered matrix: a contiguous view. */
    public static INDArray rows(INDArray matrix, long from, long count) {
        return matrix.get(interval(from, from + count), all());
    }

    /**
     * Which steps have a row whose mask is not 1: only those need the masking ops (with length
     * bucketing, few do).
     *
     * @param mask  {@code [B, T]} or null
     * @param steps T
     */
    public static boolean[] paddedSteps(INDArray mask, int steps) {
        boolean[] padded = new boolean[steps];
        if (mask != null) {
            float[] m = NativeFloats.read(mask);                   // [B, T]: one bulk copy, not one call per value
            int columns = (int) mask.size(1);
            for (int i = 0; i < m.length; i++) {
                int t = i % columns;
                if (t < steps) {
                    padded[t] |= m[i] != 1;
                }
            }
        }
        return padded;
    }

    /** Column t of a {@code [B, T]} mask as {@code [B, 1]} of the given type. */
    public static INDArray maskColumn(INDArray mask, int t, DataType type) {
        INDArray col = mask.getColumn(t, true);
        return col.dataType() == type ? col : col.castTo(type);
    }

    /**
     * Step t of a masked sequence in Java arrays: each row b's new values become
     * {@code (new - old) · mask[b, t] + old}, as ND4J's masking ops compute it, so a row whose
     * mask is 0 keeps its old values exactly.
     *
     * @param values the new values from {@code at}, the old from {@code before}, B rows of H
     * @param mask   {@code [B, T]}, row-major
     */
    public static void keepMasked(float[] values, int at, int before, float[] mask, int steps, int t, int batch,
                                  int h) {
        keepMasked(values, at, before, mask, steps, t, 0, batch, h);
    }

    /**
     * {@link #keepMasked(float[], int, int, float[], int, int, int, int)} for rows
     * {@code [from, to)} of the batch only, whose new values start at {@code at} and old ones at
     * {@code before}.
     */
    public static void keepMasked(float[] values, int at, int before, float[] mask, int steps, int t, int from,
                                  int to, int h) {
        for (int b = from; b < to; b++) {
            float keep = mask[b * steps + t];
            int d = at + (b - from) * h;
            int p = before + (b - from) * h;
            for (int j = 0; j < h; j++) {
                values[d + j] = (values[d + j] - values[p + j]) * keep + values[p + j];
            }
        }
    }

    /**
     * Time-major rows times the same {@code [B, K]} array at every step (a recurrent dropout mask).
     *
     * @param rows   {@code [T·B, K]}; not changed
     * @param values {@code [B, K]}, or null
     * @return {@code rows} itself when {@code values} is null, else a new 'c' ordered array
     */
    public static INDArray timesEveryStep(INDArray rows, INDArray values, int steps) {
        if (values == null) {
            return rows;
        }
        long width = values.length();
        INDArray product = rows.dup('c');
        Broadcast.mulRow(product.reshape('c', steps, width), values.dup('c').reshape('c', 1, width));
        return product;
    }
}
