package org.seq2seq.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between float arrays of ND4J's native memory and Java arrays, in row-major order, by
 * bulk copies of the memory itself: ND4J's own {@code toFloatVector()} and {@code toFloatMatrix()}
 * go element by element and took 36–49 ms for {@code [250, 8000]}, a bulk copy 5–7 ms.
 */
public final class NativeFloats {
    private NativeFloats() {
    }

    /**
     * The values of an array, row-major.
     *
     * @param array any shape, float or not (other types and views are copied to a float array first)
     * @return {@code array.length()} values
     */
    public static float[] read(INDArray array) {
        INDArray a = contiguousFloats(array);
        float[] out = new float[Math.toIntExact(a.length())];
        new FloatPointer(a.data().addressPointer()).get(out);
        return out;
    }

    /**
     * The values of an array, row-major, into {@code into}'s first {@code array.length()} places.
     *
     * @param into at least {@code array.length()} long
     * @return {@code into}
     */
    public static float[] read(INDArray array, float[] into) {
        INDArray a = contiguousFloats(array);
        int length = Math.toIntExact(a.length());
        if (into.length < length) {
            throw new IllegalArgumentException(length + " values do not fit " + into.length);
        }
        new FloatPointer(a.data().addressPointer()).get(into, 0, length);
        return into;
    }

    /**
     * The rows of a matrix.
     *
     * @param matrix {@code [N, V]}
     * @return N rows of V values
     */
    public static float[][] rows(INDArray matrix) {
        INDArray m = contiguousFloats(matrix);
        int rows = (int) m.size(0);
        int columns = (int) m.size(1);
        float[][] out = new float[rows][columns];
        FloatPointer data = new FloatPointer(m.data().addressPointer());
        for (int i = 0; i < rows; i++) {
            data.position((long) i * columns).get(out[i]);
        }
        return out;
    }

    /**
     * A new float array of the given shape holding {@code values}, row-major, in the current
     * workspace if one is open.
     *
     * @param values at least as many as the shape holds
     */
    public static INDArray create(float[] values, long... shape) {
        INDArray out = Nd4j.create(DataType.FLOAT, shape);
        new FloatPointer(out.data().addressPointer()).put(values, 0, (int) out.length());
        return out;
    }

    /**
     * Writes {@code values[from … from + count)} into {@code target}'s memory from element
     * {@code at} on, row-major (for example whole rows of a matrix).
     *
     * @param target a float array of its own memory, 'c' ordered, not a view at an offset
     * @throws IllegalArgumentException when {@code target} is not such an array or too short
     */
    public static void write(float[] values, int from, INDArray target, long at, int count) {
        if (target.dataType() != DataType.FLOAT || target.ordering() != 'c' || target.elementWiseStride() != 1
                || target.offset() != 0) {
            throw new IllegalArgumentException("not a contiguous float array of its own memory: " + target.shapeInfoToString());
        }
        if (at < 0 || at + count > target.length()) {
            throw new IllegalArgumentException(count + " values at " + at + " do not fit " + target.length());
        }
        new FloatPointer(target.data().addressPointer()).position(at).put(values, from, count);
    }

    /** The array itself when its values are floats from the start of its memory, row-major; else a copy that is. */
    private static INDArray contiguousFloats(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.ordering() == 'c' && array.elementWiseStride() == 1
                && array.offset() == 0 ? array : array.castTo(DataType.FLOAT).dup('c');
    }
}
