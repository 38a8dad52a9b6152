package org.seq2seq.core.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.NativeFloats;

/**
 * A model's large matrices as 8-bit integers with a scale per slice: each matrix {@code [a, b]}
 * of at least {@link #MIN_ENTRIES} entries (or another limit) is cut into slices along its longer dimension (a
 * token's embedding, an output unit's weights; dimension 1 on a tie), and each slice stores
 * {@code round(w / s)} with {@code s = max|w| / 127}. A quarter of the bytes of floats on disk;
 * loaded back as floats ({@link #writeInto}), so every decoding path runs on them unchanged.
 *
 * <p>Why the weights are not kept as integers in memory: Java 17 has no portable way to multiply
 * them faster than OpenBLAS multiplies floats. The JIT vectorizes neither byte-to-float
 * conversions nor integer dot products of bytes (1.7 billion multiply-adds a second in a loop
 * that converts bytes, against 12 for the same loop over floats and 40–50 for OpenBLAS on one
 * core here; docs/performance.md, "Quantized weights").
 *
 * <p>The file, {@code quantized.bin}: magic {@code S2SQ}, version, the number of matrices, then
 * for each its parameter name, dimensions, slicing dimension, scales and values; big-endian.
 */
public final class Int8Weights {
    /** The smallest matrix quantized by default: 256 × 256; smaller ones (small layers) stay floats. */
    public static final long MIN_ENTRIES = 1L << 16;
    private static final int MAGIC = 0x53325351;     // "S2SQ"
    private static final int VERSION = 1;

    /**
     * One quantized matrix.
     *
     * @param name   its key in the graph's parameter table
     * @param rows   a
     * @param cols   b
     * @param axis   the dimension sliced: 0 (a slices of b values) or 1 (b slices of a values)
     * @param scales one per slice
     * @param values {@code [a × b]} row-major
     */
    record Matrix(String name, int rows, int cols, int axis, float[] scales, byte[] values) {
        float value(int i, int j) {
            return values[i * cols + j] * scales[axis == 0 ? i : j];
        }
    }

    private final List<Matrix> matrices;

    private Int8Weights(List<Matrix> matrices) {
        this.matrices = List.copyOf(matrices);
    }

    /** The matrices of {@code graph} of at least {@link #MIN_ENTRIES} entries, quantized; the graph is not changed. */
    public static Int8Weights of(ComputationGraph graph) {
        return of(graph, MIN_ENTRIES);
    }

    /**
     * The matrices of {@code graph} of at least {@code minEntries} entries, quantized; vectors
     * (biases, gains) stay floats. The graph is not changed.
     */
    public static Int8Weights of(ComputationGraph graph, long minEntries) {
        List<Matrix> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> p : graph.paramTable().entrySet()) {
            INDArray w = p.getValue();
            if (w.rank() != 2 || w.size(0) < 2 || w.size(1) < 2 || w.length() < minEntries) {
                continue;
            }
            int a = (int) w.size(0);
            int b = (int) w.size(1);
            int axis = a > b ? 0 : 1;
            float[] values = NativeFloats.read(w.castTo(DataType.FLOAT).dup('c'));      // [a, b] row-major
            float[] scales = new float[axis == 0 ? a : b];
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    int slice = axis == 0 ? i : j;
                    scales[slice] = Math.max(scales[slice], Math.abs(values[i * b + j]));
                }
            }
            for (int s = 0; s < scales.length; s++) {
                scales[s] = scales[s] == 0 ? 1 : scales[s] / 127f;
            }
            byte[] q = new byte[values.length];
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    q[i * b + j] = (byte) Math.max(-127, Math.min(127, Math.round(values[i * b + j] / scales[axis == 0 ? i : j])));
                }
            }
            out.add(new Matrix(p.getKey(), a, b, axis, scales, q));
        }
        return new Int8Weights(out);
    }

    /** The names of the quantized parameters. */
    public List<String> names() {
        return matrices.stream().map(Matrix::name).toList();
    }

    /** The numbers held as integers. */
    public long entries() {
        return matrices.stream().mapToLong(m -> (long) m.rows() * m.cols()).sum();
    }

    /** Sets each quantized parameter of {@code graph} to 0 (what a model saved beside this file holds). */
    public void zeroIn(ComputationGraph graph) {
        for (Matrix m : matrices) {
            graph.paramTable().get(m.name()).assign(0);
        }
    }

    /**
     * Sets each quantized parameter of {@code graph} to its dequantized value.
     *
     * @throws IllegalArgumentException when the graph has no such parameter or one of another shape
     */
    public void writeInto(ComputationGraph graph) {
        Map<String, INDArray> params = graph.paramTable();
        for (Matrix m : matrices) {
            INDArray p = params.get(m.name());
            if (p == null || p.rank() != 2 || p.size(0) != m.rows() || p.size(1) != m.cols()) {
                throw new IllegalArgumentException("the quantized matrix " + m.name() + " [" + m.rows() + ", "
                        + m.cols() + "] has no parameter of that shape in the graph ("
                        + (p == null ? "none" : Arrays.toString(p.shape())) + ")");
            }
            float[] values = new float[m.rows() * m.cols()];
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    values[i * m.cols() + j] = m.value(i, j);
                }
            }
            p.assign(Nd4j.create(values, new long[] {m.rows(), m.cols()}, 'c').castTo(p.dataType()));
        }
    }

    /** Writes the file, replacing it. */
    public void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(matrices.size());
            for (Matrix m : matrices) {
                out.writeUTF(m.name());
                out.writeInt(m.rows());
                out.writeInt(m.cols());
                out.writeInt(m.axis());
                for (float s : m.scales()) {
                    out.writeFloat(s);
                }
                out.write(m.values());
            }
        }
    }

    /**
     * Reads the file.
     *
     * @throws IOException naming the file and what is wrong, when it is not a whole file of this format
     */
    public static Int8Weights load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not quantized weights (no S2SQ at its start)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": quantized weights of format version " + version + ", this version "
                        + "reads " + VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > 10_000) {
                throw new IOException(file + ": " + count + " matrices");
            }
            List<Matrix> matrices = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                String name = in.readUTF();
                int rows = in.readInt();
                int cols = in.readInt();
                int axis = in.readInt();
                if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE - 8 || axis < 0 || axis > 1) {
                    throw new IOException(file + ": matrix " + name + " of " + rows + " × " + cols + " sliced on "
                            + axis);
                }
                float[] scales = new float[axis == 0 ? rows : cols];
                for (int s = 0; s < scales.length; s++) {
                    scales[s] = in.readFloat();
                }
                byte[] values = new byte[rows * cols];
                in.readFully(values);
                matrices.add(new Matrix(name, rows, cols, axis, scales, values));
            }
            if (in.read() != -1) {
                throw new IOException(file + ": bytes after the last matrix");
            }
            return new Int8Weights(matrices);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }
}
