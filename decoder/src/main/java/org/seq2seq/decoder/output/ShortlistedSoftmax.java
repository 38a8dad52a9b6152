package org.seq2seq.decoder.output;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.RowSoftmax;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * The softmax output of decoder steps over a batch's shortlists of target tokens instead of the
 * whole vocabulary, in one of two ways, chosen at every step for the work it saves:
 * <ul>
 * <li><b>the batch's union</b>: the columns of the output projection of every sentence's
 * candidates, gathered once into one matrix {@code [H, K_u]} that one matrix product multiplies
 * with all rows. Greedy search (a row per sentence) always takes it: the weights are read once
 * for all rows.</li>
 * <li><b>each sentence's own</b>: each sentence's columns gathered apart {@code [H, K_b]} and
 * multiplied, in Java, with its rows (a beam) only. Beam search takes it when the union is more
 * than {@value #UNION_LIMIT} times a sentence's mean shortlist: far fewer products, each row
 * reading only its sentence's weights, which its beam shares.</li>
 * </ul>
 * Log-probabilities are normalized over the columns scored, as Marian's and CTranslate2's
 * shortlists do. Each way's weights are gathered the first time a step takes it.
 */
public final class ShortlistedSoftmax {
    /**
     * How many times a sentence's mean shortlist the batch's union must be before a beam's rows
     * are scored against their sentence's shortlist alone: the Java product of five rows ran at
     * about a third of OpenBLAS's rate (15 against 40–50 GMAC/s on one core, AVX-512).
     */
    static final int UNION_LIMIT = 3;
    private final float[] outputWeights;   // [H, V] row-major, the model's: read when gathering
    private final float[] outputBias;      // [V]
    private final int hidden;
    private final int[][] candidates;      // per sentence: its target ids, ascending  [B][K_b]
    private final int[] union;             // every sentence's ids, ascending          [K_u]
    private final double meanCandidates;
    private INDArray unionWeights;         // [H, K_u], row-major; gathered on first use
    private float[] unionBias;             // [K_u]
    private float[][][] sentenceWeights;   // per sentence [H][K_b]; gathered on first use
    private float[][] sentenceBias;        // per sentence [K_b]

    /**
     * @param outputWeights the output projection {@code [H, V]}, row-major, not copied
     * @param outputBias    {@code [V]}
     * @param candidates    each sentence's target ids, ascending {@code [B][K_b]}
     */
    public ShortlistedSoftmax(float[] outputWeights, float[] outputBias, int hidden, int[][] candidates) {
        int v = outputBias.length;
        if (outputWeights.length != (long) hidden * v) {
            throw new IllegalArgumentException(outputWeights.length + " output weights for " + hidden + " × " + v);
        }
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.hidden = hidden;
        this.candidates = candidates.clone();
        boolean[] any = new boolean[v];
        long sum = 0;
        for (int[] ids : candidates) {
            for (int id : ids) {
                any[id] = true;
            }
            sum += ids.length;
        }
        meanCandidates = (double) sum / Math.max(1, candidates.length);
        int count = 0;
        for (boolean a : any) {
            count += a ? 1 : 0;
        }
        union = new int[count];
        for (int t = 0, at = 0; t < v; t++) {
            if (any[t]) {
                union[at++] = t;
            }
        }
    }

    /**
     * The columns a step of these rows scores: each sentence's own when a beam's rows are scored
     * against it ({@link ShortlistedSoftmax}), else the batch's union.
     *
     * @param sentences each row's sentence {@code [N]}, a sentence's rows next to each other
     * @return each row's column list (the token of each column, ascending) {@code [N][K]}
     */
    public int[][] columns(int[] sentences) {
        int rows = sentences.length;
        int distinct = 0;
        for (int r = 0; r < rows; r++) {
            distinct += r == 0 || sentences[r] != sentences[r - 1] ? 1 : 0;
        }
        boolean own = rows >= 2 * distinct && union.length > UNION_LIMIT * meanCandidates;
        int[][] columns = new int[rows][];
        for (int r = 0; r < rows; r++) {
            columns[r] = own ? candidates[sentences[r]] : union;
        }
        return columns;
    }

    /**
     * Scores the rows of a step over the columns {@link #columns} gave for the same sentences.
     *
     * @param top       the decoder's output of every row {@code [N, H]}
     * @param sentences each row's sentence {@code [N]}, a sentence's rows next to each other
     * @param columns   what {@link #columns} returned for {@code sentences}
     * @param out       {@code [N][K]}: rows as long as their columns, overwritten with the
     *                  log-probabilities
     * @param best      receives each row's column of its largest log-probability {@code [N]}
     */
    public void logSoftmax(INDArray top, int[] sentences, int[][] columns, float[][] out, int[] best) {
        int rows = sentences.length;
        if (rows > 0 && columns[0] != union) {                           // each sentence's own columns
            gatherSentences();
            float[] output = NativeFloats.read(top);                                        // [N, H]
            RangeExecutor.current().split(rows, 1, (from, to) -> sentenceRows(output, sentences, out, best, from, to));
        } else {
            gatherUnion();
            LogitRows.logSoftmax(Gemm.product(top, unionWeights), unionBias, out, best);      // [N, K_u]
        }
    }

    private void gatherUnion() {
        if (unionWeights != null) {
            return;
        }
        int v = outputBias.length;
        int k = union.length;
        float[] w = new float[hidden * k];
        for (int h = 0; h < hidden; h++) {
            int from = h * v;
            int to = h * k;
            for (int j = 0; j < k; j++) {
                w[to + j] = outputWeights[from + union[j]];
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {   // outlives the step
            unionWeights = NativeFloats.create(w, hidden, k);
        }
        unionBias = new float[k];
        for (int j = 0; j < k; j++) {
            unionBias[j] = outputBias[union[j]];
        }
    }

    private void gatherSentences() {
        if (sentenceWeights != null) {
            return;
        }
        int v = outputBias.length;
        float[][][] weights = new float[candidates.length][][];
        float[][] bias = new float[candidates.length][];
        for (int b = 0; b < candidates.length; b++) {
            int[] ids = candidates[b];
            int k = ids.length;
            // one array per row of W: the step's loops then index both arrays alike, which the JIT
            // vectorizes (with an offset into one long array it does not: it cannot rule out overlap)
            float[][] w = new float[hidden][k];
            for (int h = 0; h < hidden; h++) {
                int from = h * v;
                float[] row = w[h];
                for (int j = 0; j < k; j++) {
                    row[j] = outputWeights[from + ids[j]];
                }
            }
            weights[b] = w;
            bias[b] = new float[k];
            for (int j = 0; j < k; j++) {
                bias[b][j] = outputBias[ids[j]];
            }
        }
        sentenceBias = bias;
        sentenceWeights = weights;
    }

    /** Rows {@code [from, to)} against their sentences' own columns; a sentence's rows read its weights once. */
    private void sentenceRows(float[] top, int[] sentences, float[][] out, int[] best, int from, int to) {
        RowSoftmax softmax = new RowSoftmax();
        int r = from;
        while (r < to) {
            int b = sentences[r];
            int end = r + 1;
            while (end < to && sentences[end] == b) {
                end++;
            }
            float[][] w = sentenceWeights[b];
            int k = candidates[b].length;
            for (int i = r; i < end; i++) {
                java.util.Arrays.fill(out[i], 0f);
            }
            int h = 0;
            for (; h + 4 <= hidden; h += 4) {                        // four rows of W per pass over a row's output
                float[] w0 = w[h];
                float[] w1 = w[h + 1];
                float[] w2 = w[h + 2];
                float[] w3 = w[h + 3];
                for (int i = r; i < end; i++) {
                    int at = i * hidden + h;
                    axpy4(top[at], w0, top[at + 1], w1, top[at + 2], w2, top[at + 3], w3, out[i], k);
                }
            }
            for (; h < hidden; h++) {
                for (int i = r; i < end; i++) {
                    axpy(top[i * hidden + h], w[h], out[i], k);
                }
            }
            for (int i = r; i < end; i++) {
                best[i] = softmax.logSoftmaxInPlaceArgmax(out[i], sentenceBias[b]);
            }
            r = end;
        }
    }

    /**
     * {@code out += a0·w0 + a1·w1 + a2·w2 + a3·w3} over the first {@code k} entries: one load and
     * store of {@code out} for four products (about twice the rate of four {@link #axpy}s).
     */
    private static void axpy4(float a0, float[] w0, float a1, float[] w1, float a2, float[] w2, float a3, float[] w3,
                              float[] out, int k) {
        for (int j = 0; j < k; j++) {
            out[j] += a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
        }
    }

    /** {@code out += a · row} over the first {@code k} entries. */
    private static void axpy(float a, float[] row, float[] out, int k) {
        for (int j = 0; j < k; j++) {
            out[j] += a * row[j];
        }
    }
}
