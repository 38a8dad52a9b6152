package org.seq2seq.nn.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Consecutive views of a layer's flat parameter (or gradient) array, in the order a parameter
 * initializer lays them out: each call takes the next values. Not thread-safe; one per layout.
 */
public final class ParamViews {
    private final INDArray all;
    private long position;

    /** @param flat {@code [1, n]} or {@code [n]} */
    public ParamViews(INDArray flat) {
        this.all = flat.reshape(flat.length());
    }

    /** The next {@code rows × columns} values as a column-major matrix {@code [rows, columns]}. */
    public INDArray matrix(long rows, long columns) {
        return take(rows * columns).reshape('f', rows, columns);
    }

    /** The next {@code length} values as a row {@code [1, length]}. */
    public INDArray row(long length) {
        return take(length).reshape(1, length);
    }

    private INDArray take(long length) {
        INDArray view = all.get(interval(position, position + length));
        position += length;
        return view;
    }
}
