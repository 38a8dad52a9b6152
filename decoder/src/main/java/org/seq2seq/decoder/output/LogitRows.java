package org.seq2seq.decoder.output;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.RowSoftmax;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * A decoding step's logits to log-probabilities: each row read into Java, the bias added, its
 * log-softmax taken and its largest found, rows apart on the current executor's threads (the same
 * values on any number of threads). What the whole vocabulary and a shortlist's union share.
 */
public final class LogitRows {
    private LogitRows() {
    }

    /**
     * @param logits {@code [N, K]}, dense, row-major
     * @param bias   {@code [K]}
     * @param out    {@code [N][K]}: overwritten with each row's log-probabilities
     * @param best   {@code [N]}: gets each row's index of its largest log-probability
     */
    public static void logSoftmax(INDArray logits, float[] bias, float[][] out, int[] best) {
        int columns = bias.length;
        RangeExecutor.current().split(out.length, 1, (from, to) -> {
            RowSoftmax softmax = new RowSoftmax();                                          // scratch of this thread
            for (int r = from; r < to; r++) {
                NativeFloats.read(logits, (long) r * columns, out[r], columns);
                best[r] = softmax.logSoftmaxInPlaceArgmax(out[r], bias);
            }
        });
    }
}
