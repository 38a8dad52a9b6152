package org.seq2seq.nn;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between float arrays of ND4J's native memory and Java arrays, in row-major order, by
 * bulk copies of the memory itself: ND4J's own {@code toFloatVector()} and {@code toFloatMatrix()}
 * go element by element, several times slower (docs/performance.md, "NativeFloats").
 *
 * <p>A copy reads or writes the array's memory by its address, which does not keep the array
 * alive: every method keeps its array reachable ({@link Reference#reachabilityFence}) until the
 * copy is done, so that ND4J cannot free the memory under it (see the package documentation).
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
        Reference.reachabilityFence(a);
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
        Reference.reachabilityFence(a);
        return into;
    }

    /**
     * Reads {@code count} values of a row-major float array from element {@code at} on into
     * {@code into[0 … count)} (for example whole rows of a matrix).
     *
     * @param array a float array of its own memory, 'c' ordered, not a view at an offset
     * @throws IllegalArgumentException when {@code array} is not such an array or too short
     */
    public static void read(INDArray array, long at, float[] into, int count) {
        checkDense(array);
        if (at < 0 || at + count > array.length() || into.length < count) {
            throw new IllegalArgumentException(count + " values at " + at + " are not in " + array.length()
                    + " or do not fit " + into.length);
        }
        new FloatPointer(array.data().addressPointer()).position(at).get(into, 0, count);
        Reference.reachabilityFence(array);
    }

    /**
     * Reads {@code count} values of a row-major float array from element {@code at} on into
     * {@code into[intoFrom … intoFrom + count)}.
     *
     * @param array a float array of its own memory, 'c' ordered, not a view at an offset
     * @throws IllegalArgumentException when {@code array} is not such an array or either is too short
     */
    public static void read(INDArray array, long at, float[] into, int intoFrom, int count) {
        checkDense(array);
        if (at < 0 || at + count > array.length() || intoFrom < 0 || intoFrom + count > into.length) {
            throw new IllegalArgumentException(count + " values at " + at + " are not in " + array.length()
                    + " or do not fit " + into.length + " from " + intoFrom);
        }
        new FloatPointer(array.data().addressPointer()).position(at).get(into, intoFrom, count);
        Reference.reachabilityFence(array);
    }

    /**
     * The first {@code array.length()} floats of an array's memory as they lie, whatever its
     * strides, into {@code into}'s first places: for a permuted view of a dense array, the dense
     * array's values.
     *
     * @param array a float array whose view starts at its memory's start
     * @param into  at least {@code array.length()} long
     * @return {@code into}
     * @throws IllegalArgumentException when it is not such an array
     */
    public static float[] readMemory(INDArray array, float[] into) {
        if (array.dataType() != DataType.FLOAT || array.offset() != 0 || array.data().length() < array.length()
                || into.length < array.length()) {
            throw new IllegalArgumentException("not a float array at the start of its memory, or more than "
                    + into.length + " values: " + array.shapeInfoToString());
        }
        new FloatPointer(array.data().addressPointer()).get(into, 0, Math.toIntExact(array.length()));
        Reference.reachabilityFence(array);
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
        Reference.reachabilityFence(m);
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
        checkDense(target);
        if (at < 0 || at + count > target.length()) {
            throw new IllegalArgumentException(count + " values at " + at + " do not fit " + target.length());
        }
        new FloatPointer(target.data().addressPointer()).position(at).put(values, from, count);
        Reference.reachabilityFence(target);
    }

    /**
     * Writes all of an array's values from {@code values}, given in the array's own order ('c':
     * row-major, 'f': column-major), in one bulk copy: for an array, a view included, whose values
     * lie next to each other in that order (a parameter's or gradient's view in a layer's
     * flattened array, for example).
     *
     * @param values at least {@code target.length()} values
     * @throws IllegalArgumentException when the array's values are not floats lying next to each other
     */
    public static void writeInOwnOrder(float[] values, INDArray target) {
        if (target.dataType() != DataType.FLOAT || target.elementWiseStride() != 1
                || target.data().length() < target.length() || values.length < target.length()) {
            throw new IllegalArgumentException("not float values lying next to each other, or too few values ("
                    + values.length + "): " + target.shapeInfoToString());
        }
        // a view's buffer starts at the view's first value
        new FloatPointer(target.data().addressPointer()).put(values, 0, Math.toIntExact(target.length()));
        Reference.reachabilityFence(target);
    }

    /** Whether an array's values are floats from the start of its memory, row-major. */
    public static boolean isDense(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.ordering() == 'c' && array.elementWiseStride() == 1
                && array.offset() == 0;
    }

    private static void checkDense(INDArray array) {
        if (!isDense(array)) {
            throw new IllegalArgumentException("not a contiguous float array of its own memory: " + array.shapeInfoToString());
        }
    }

    /** The array itself when its values are floats from the start of its memory, row-major; else a copy that is. */
    private static INDArray contiguousFloats(INDArray array) {
        return isDense(array) ? array : array.castTo(DataType.FLOAT).dup('c');
    }
}
