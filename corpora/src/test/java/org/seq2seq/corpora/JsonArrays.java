package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference vectors in JSON (nested lists, as PyTorch's {@code tolist()} writes them) as double
 * ND4J arrays, and the comparison the layer tests make with them.
 */
public final class JsonArrays {
    private JsonArrays() {
    }

    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    /** A list of rows as {@code [rows, columns]}. */
    public static INDArray matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return Nd4j.create(out);
    }

    /** A list of numbers as a row {@code [1, n]}. */
    public static INDArray row(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return Nd4j.create(out, new long[] {1, out.length}, DataType.DOUBLE);
    }

    /** {@code [T][B][F]} nested lists as a time-major {@code [T·B, F]} matrix. */
    public static INDArray timeMajor(JsonNode tbf, int steps, int batch, int features) {
        INDArray out = Nd4j.create(DataType.DOUBLE, (long) steps * batch, features);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < features; f++) {
                    out.putScalar((long) t * batch + b, f, tbf.get(t).get(b).get(f).asDouble());
                }
            }
        }
        return out;
    }

    /** Same shape, every element within {@code tolerance}, and the expected not all zero (a vacuous comparison). */
    public static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertTrue(Arrays.equals(expected.shape(), actual.shape()), what + ": shape "
                + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.sub(actual))).getDouble(0);
        assertTrue(maxDiff <= tolerance, what + ": largest difference " + maxDiff);
        assertTrue(expected.amaxNumber().doubleValue() > 0, what + ": all zero, a vacuous comparison");
    }
}
