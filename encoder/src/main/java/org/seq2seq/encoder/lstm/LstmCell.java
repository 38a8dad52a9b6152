package org.seq2seq.encoder.lstm;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.seq2seq.nn.TimeMajor.keepMasked;
import static org.seq2seq.nn.TimeMajor.maskColumn;
import static org.seq2seq.nn.TimeMajor.paddedSteps;
import static org.seq2seq.nn.TimeMajor.rows;
import static org.seq2seq.nn.TimeMajor.timesEveryStep;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seq2seq.nn.Arena;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.ColumnSums;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.NormalizedProjections;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.seq2seq.nn.runtime.Scratch;
import org.seq2seq.nn.runtime.VectorMath;

/**
 * The LSTM recurrence as PyTorch's {@code nn.LSTM} computes it, forward and backward through
 * time, in ND4J. For input x_t, previous state h and cell c:
 *
 * <pre>
 * i = σ(x_t·Wx_i + h·Wh_i + b_i)      f = σ(x_t·Wx_f + h·Wh_f + b_f)
 * o = σ(x_t·Wx_o + h·Wh_o + b_o)      g = tanh(x_t·Wx_g + h·Wh_g + b_g)
 * c' = f ∘ c + i ∘ g                  h' = o ∘ tanh(c')
 * </pre>
 *
 * <p>Sequences are time-major 2-D arrays: row {@code t·B + b} is step t of sequence b. The input
 * projections of all steps are one matrix product, into the array that then holds the gates; each
 * step adds its product with Wh in place and applies one sigmoid to the three sigmoid gates. A
 * masked step (mask 0) carries state and cell over unchanged and takes no gradient, so a sequence
 * read in {@linkplain #forward reverse} passes its trailing padding first with the initial state
 * and starts for real at its last real step, as PyTorch's packed sequences do. With a recurrent
 * dropout mask m {@code [B, H]} (variational dropout, the same at every step), the products read
 * {@code (h ∘ m)·Wh}; the state carried over by a masked step and the cell are not dropped. With
 * layer normalization ({@link LstmWeights#layerNormalized()}), {@code x_t·Wx} and {@code h·Wh}
 * are each normalized per row over their 4H values and scaled by their gains before the bias (Ba
 * et al. 2016, without their normalization of the cell).
 *
 * <p>Stateless; all methods are thread-safe for distinct arrays.
 *
 * <p>One path per data type: float arrays (training and translation) run the step arithmetic in
 * Java ({@code forwardInFloat}, {@code backwardInFloat}); double arrays run the same formulas in
 * ND4J ops ({@code forwardInDoublePrecision}, {@code backwardInDoublePrecision}), the path kept
 * for the gradient checks, which need double precision.
 */
public final class LstmCell {
    private LstmCell() {
    }

    /**
     * What {@link #backward} needs of a forward pass. States and cells are stored by position:
     * reading forward, block 0 ({@code B} rows) holds the initial value and block {@code t + 1}
     * the value after step t; reading in reverse, block T holds the initial value and block t the
     * value after step t.
     *
     * @param x       inputs {@code [T·B, E]}
     * @param mask    {@code [B, T]}, 1 for real steps, or null
     * @param padded  which steps have a row whose mask is not 1 (only those are masked)
     * @param reverse whether the steps were read from T−1 down to 0
     * @param gates   the gate activations i, f, o, g {@code [T·B, 4H]}
     * @param states  h at every position {@code [(T+1)·B, H]}
     * @param cells   c at every position {@code [(T+1)·B, H]}
     * @param tanhC   tanh of each step's new cell {@code [T·B, H]}
     * @param steps   T
     * @param batch   B
     * @param recurrentMask the recurrent dropout mask {@code [B, H]}, or null
     * @param norm    what layer normalization kept, or null without it
     */
    public record Trace(INDArray x, INDArray mask, boolean[] padded, boolean reverse, INDArray gates,
                        INDArray states, INDArray cells, INDArray tanhC, int steps, int batch,
                        INDArray recurrentMask, NormalizedProjections norm) {

        /** The state after each step t, in time order {@code [T·B, H]}, a view. */
        public INDArray outputs() {
            return rows(states, reverse ? 0 : batch, (long) steps * batch);
        }

        /** The state each step t started from, in time order {@code [T·B, H]}, a view. */
        public INDArray previousStates() {
            return rows(states, reverse ? batch : 0, (long) steps * batch);
        }

        /** The states the recurrent products read, in time order (times the dropout mask) {@code [T·B, H]}. */
        INDArray productInputs() {
            return timesEveryStep(previousStates(), recurrentMask, steps);
        }

        /** The cell each step t started from, in time order {@code [T·B, H]}, a view. */
        public INDArray previousCells() {
            return rows(cells, reverse ? batch : 0, (long) steps * batch);
        }

        /** The state after the last step read (step T−1, or step 0 in reverse) {@code [B, H]}, a view. */
        public INDArray last() {
            return rows(states, reverse ? 0 : (long) steps * batch, batch);
        }
    }

    /**
     * Gradients of one backward pass with respect to the inputs; the weight gradients are written
     * into the arrays the caller passed.
     *
     * @param dx  dL/dx {@code [T·B, E]}
     * @param dh0 dL/d(initial state) {@code [B, H]}
     * @param dc0 dL/d(initial cell) {@code [B, H]}
     */
    public record InputGradients(INDArray dx, INDArray dh0, INDArray dc0) {
    }

    /**
     * Runs T steps without recurrent dropout: the forward pass below with no recurrent mask.
     *
     * @param x       inputs {@code [T·B, E]}, time-major
     * @param h0      initial state {@code [B, H]}, or null for zeros
     * @param c0      initial cell {@code [B, H]}, or null for zeros
     * @param mask    {@code [B, T]} or null
     */
    public static Trace forward(LstmWeights w, INDArray x, INDArray h0, INDArray c0, int batch, INDArray mask,
                                boolean reverse, Arena arena) {
        return forward(w, x, h0, c0, batch, mask, reverse, null, arena);
    }

    /**
     * Runs T steps.
     *
     * @param w       the weights
     * @param x       inputs {@code [T·B, E]}, time-major
     * @param h0      initial state {@code [B, H]}, or null for zeros
     * @param c0      initial cell {@code [B, H]}, or null for zeros
     * @param batch   B
     * @param mask    {@code [B, T]} or null
     * @param reverse read the steps from T−1 down to 0
     * @param recurrentMask the recurrent dropout mask {@code [B, H]} the products with Wh read the
     *                state through, or null
     * @param arena   where the trace's arrays go, or null for the current workspace
     * @return the trace, whose {@link Trace#outputs()} are the states after each step
     */
    public static Trace forward(LstmWeights w, INDArray x, INDArray h0, INDArray c0, int batch, INDArray mask,
                                boolean reverse, INDArray recurrentMask, Arena arena) {
        int h = w.hiddenSize();
        int steps = (int) (x.size(0) / batch);
        DataType type = x.dataType();

        INDArray gates = Arena.matrix(arena, type, (long) steps * batch, 4L * h);  // [T·B, 4H], pre-activations
        Gemm.into(x, w.wx(), gates, false, false, 1.0, 0.0);
        NormalizedProjections norm = w.layerNormalized() ? NormalizedProjections.ofInputs(gates, w.gainX(), arena)
                : null;
        Broadcast.addRow(gates, w.b());
        INDArray states = Arena.matrix(arena, type, (long) (steps + 1) * batch, h);   // [(T+1)·B, H]
        INDArray cells = Arena.matrix(arena, type, (long) (steps + 1) * batch, h);
        INDArray tanhC = Arena.matrix(arena, type, (long) steps * batch, h);     // [T·B, H]
        INDArray ig = Nd4j.create(type, batch, h);                               // [B, H], reused
        int initial = reverse ? steps : 0;
        if (h0 != null) {
            rows(states, (long) initial * batch, batch).assign(h0);
        }
        if (c0 != null) {
            rows(cells, (long) initial * batch, batch).assign(c0);
        }
        boolean[] padded = paddedSteps(mask, steps);
        if (type == DataType.FLOAT) {
            forwardInFloat(w, gates, states, cells, tanhC, mask, recurrentMask, norm, padded, reverse, steps, batch);
            return new Trace(x, mask, padded, reverse, gates, states, cells, tanhC, steps, batch, recurrentMask, norm);
        }

        forwardInDoublePrecision(w, gates, states, cells, tanhC, ig, mask, recurrentMask, norm, padded, reverse, steps,
                batch);
        return new Trace(x, mask, padded, reverse, gates, states, cells, tanhC, steps, batch, recurrentMask, norm);
    }

    /**
     * The loop of {@link #forward} for double arrays, in ND4J ops: the path the gradient checks
     * run in double precision to prove the formulas that {@link #forwardInFloat} computes in Java.
     *
     * @param gates the input projections with their bias {@code [T·B, 4H]}; receives the activated gates
     * @param ig    scratch {@code [B, H]}
     */
    private static void forwardInDoublePrecision(LstmWeights w, INDArray gates, INDArray states, INDArray cells,
                                                 INDArray tanhC, INDArray ig, INDArray mask, INDArray recurrentMask,
                                                 NormalizedProjections norm, boolean[] padded, boolean reverse,
                                                 int steps, int batch) {
        int h = w.hiddenSize();
        DataType type = gates.dataType();
        for (int k = 0; k < steps; k++) {
            int t = reverse ? steps - 1 - k : k;
            long previous = (long) (reverse ? t + 1 : t) * batch;
            long next = (long) (reverse ? t : t + 1) * batch;
            INDArray hPrev = rows(states, previous, batch);
            INDArray cPrev = rows(cells, previous, batch);
            INDArray gt = rows(gates, (long) t * batch, batch);                  // [B, 4H]
            INDArray productInput = recurrentMask == null ? hPrev : hPrev.mul(recurrentMask);
            if (norm == null) {
                Gemm.into(productInput, w.wh(), gt, false, false, 1.0, 1.0);    // += h·Wh
            } else {
                INDArray product = Gemm.product(productInput, w.wh());           // [B, 4H]
                norm.normalizeStep(product, w.gainH(), (long) t * batch);
                gt.addi(product);                                                // += LN(h·Wh) ∘ gain
            }
            Transforms.sigmoid(gt.get(all(), interval(0, 3 * h)), false);        // i, f, o
            INDArray g = Transforms.tanh(gt.get(all(), interval(3 * h, 4 * h)), false);
            INDArray ct = rows(cells, next, batch);
            Nd4j.exec(new MulOp(gt.get(all(), interval(h, 2 * h)), cPrev, ct));   // f∘c
            Nd4j.exec(new MulOp(gt.get(all(), interval(0, h)), g, ig));           // i∘g
            ct.addi(ig);
            INDArray tct = rows(tanhC, (long) t * batch, batch);
            Nd4j.exec(new Tanh(ct, tct));
            INDArray ht = rows(states, next, batch);
            Nd4j.exec(new MulOp(gt.get(all(), interval(2 * h, 3 * h)), tct, ht));  // o∘tanh(c')
            if (padded[t]) {                                                     // masked rows keep h and c
                INDArray m = maskColumn(mask, t, type);
                Broadcast.mulColumn(ht.subi(hPrev), m).addi(hPrev);
                Broadcast.mulColumn(ct.subi(cPrev), m).addi(cPrev);
            }
        }
    }

    /**
     * The loop of {@link #forward} for float arrays: each step's product {@code h·Wh} in OpenBLAS,
     * the gate and cell arithmetic in Java with {@link VectorMath}'s sigmoid and tanh, in the same
     * order of operations, with two bulk copies per step (the product out, the new state in)
     * instead of a dozen ND4J ops; gates, cells and {@code tanh(c)} of all steps are written to
     * the trace once at the end. With a recurrent mask, each step's state is written once more,
     * times the mask, for the product.
     *
     * @param gates the input projections with their bias {@code [T·B, 4H]}; receives the activated gates
     */
    private static void forwardInFloat(LstmWeights w, INDArray gates, INDArray states, INDArray cells, INDArray tanhC,
                                      INDArray mask, INDArray recurrentMask, NormalizedProjections norm,
                                      boolean[] padded, boolean reverse, int steps, int batch) {
        int h = w.hiddenSize();
        int g4 = 4 * h;
        int rowsH = batch * h;
        Scratch scratch = Scratch.forThisThread();
        float[] a = NativeFloats.read(gates, scratch.floats(Scratch.GATES, steps * batch * g4));   // [T·B, 4H]
        float[] hAll = NativeFloats.read(states, scratch.floats(Scratch.STATES, (steps + 1) * rowsH));
        float[] cAll = NativeFloats.read(cells, scratch.floats(Scratch.CELLS, (steps + 1) * rowsH));
        float[] tc = scratch.floats(Scratch.SECOND, steps * rowsH);            // [T·B, H]
        float[] m = mask == null ? null : NativeFloats.read(mask);              // [B, T]
        float[] keep = recurrentMask == null ? null : NativeFloats.read(recurrentMask);   // [B, H]
        float[] gainH = norm == null ? null : NativeFloats.read(w.gainH());     // [4H]
        float[] hHat = norm == null ? null : new float[steps * batch * g4];     // [T·B, 4H]
        float[] hInvStd = norm == null ? null : new float[steps * batch];
        ForwardRows all = new ForwardRows(w, a, hAll, cAll, tc, m, keep, norm, gainH, hHat, hInvStd, states, padded,
                reverse, steps, batch);
        RangeExecutor.current().split(batch, norm != null ? batch : 1, Gemm.ALIGN, all::run);   // rows are independent
        NativeFloats.write(a, 0, gates, 0, steps * batch * g4);
        NativeFloats.write(cAll, 0, cells, 0, (steps + 1) * rowsH);
        NativeFloats.write(tc, 0, tanhC, 0, steps * rowsH);
        if (norm != null) {
            NativeFloats.write(hHat, 0, norm.hHat(), 0, hHat.length);
            NativeFloats.write(hInvStd, 0, norm.hInvStd(), 0, hInvStd.length);
        }
    }

    /**
     * The steps of {@link #forwardInFloat} for rows {@code [from, to)} of the batch, whose
     * recurrences do not touch each other's: parts of a batch run on the threads of the
     * {@link RangeExecutor#current() current executor} into disjoint parts of the shared arrays. Layer normalization takes
     * all rows at once.
     */
    private record ForwardRows(LstmWeights w, float[] a, float[] hAll, float[] cAll, float[] tc, float[] m,
                               float[] keep, NormalizedProjections norm, float[] gainH, float[] hHat,
                               float[] hInvStd, INDArray states, boolean[] padded, boolean reverse, int steps,
                               int batch) {
        void run(int from, int to) {
            int h = w.hiddenSize();
            int g4 = 4 * h;
            int rowsH = batch * h;
            int count = to - from;
            int part = count * h;
            float[] hw = new float[count * g4];                                     // [count, 4H]
            INDArray product = Nd4j.create(DataType.FLOAT, count, g4);              // [count, 4H], reused
            float[] droppedState = keep == null ? null : new float[part];
            INDArray dropped = keep == null ? null : Nd4j.create(DataType.FLOAT, count, h);   // [count, H], reused
            VectorMath math = Scratch.forThisThread().math();
            for (int k = 0; k < steps; k++) {
                int t = reverse ? steps - 1 - k : k;
                int previous = (reverse ? t + 1 : t) * rowsH + from * h;         // the rows' h and c before the step
                int next = (reverse ? t : t + 1) * rowsH + from * h;
                INDArray productInput = rows(states, previous / h, count);
                if (keep != null) {
                    for (int i = 0; i < part; i++) {
                        droppedState[i] = hAll[previous + i] * keep[from * h + i];
                    }
                    NativeFloats.write(droppedState, 0, dropped, 0, part);
                    productInput = dropped;
                }
                Gemm.into(productInput, w.wh(), product, false, false, 1.0, 0.0);   // h·Wh
                NativeFloats.read(product, hw);
                if (norm != null) {                                                 // all rows: from 0 to B
                    NormalizedProjections.normalizeStep(hw, gainH, hHat, hInvStd, t, batch, g4);
                }
                int at = (t * batch + from) * g4;
                for (int i = 0; i < count * g4; i++) {
                    a[at + i] += hw[i];
                }
                // i, f, o = σ(a) and g = tanh(a) = 2σ(2a) − 1, with one sigmoid over the step's rows:
                // the JIT's vector loops pay off on long arrays, not on rows of H
                for (int b = 0; b < count; b++) {
                    int row = at + b * g4 + 3 * h;
                    for (int j = 0; j < h; j++) {
                        a[row + j] *= 2f;
                    }
                }
                math.sigmoid(a, at, count * g4);
                for (int b = 0; b < count; b++) {
                    int row = at + b * g4 + 3 * h;
                    for (int j = 0; j < h; j++) {
                        a[row + j] = 2f * a[row + j] - 1f;
                    }
                }
                for (int b = 0; b < count; b++) {
                    int row = at + b * g4;
                    int c = next + b * h;
                    int cp = previous + b * h;
                    for (int j = 0; j < h; j++) {
                        cAll[c + j] = a[row + h + j] * cAll[cp + j] + a[row + j] * a[row + 3 * h + j];   // f∘c + i∘g
                    }
                }
                int tcAt = t * rowsH + from * h;
                System.arraycopy(cAll, next, tc, tcAt, part);
                math.tanh(tc, tcAt, part);
                for (int b = 0; b < count; b++) {
                    int row = at + b * g4 + 2 * h;
                    int d = next + b * h;
                    int e = tcAt + b * h;
                    for (int j = 0; j < h; j++) {
                        hAll[d + j] = a[row + j] * tc[e + j];                        // o∘tanh(c')
                    }
                }
                if (padded[t]) {                                                    // masked rows keep h and c
                    keepMasked(hAll, next, previous, m, steps, t, from, to, h);
                    keepMasked(cAll, next, previous, m, steps, t, from, to, h);
                }
                NativeFloats.write(hAll, next, states, next, part);
            }
        }
    }

    /**
     * Backpropagation through time.
     *
     * @param w     the weights of the forward pass
     * @param trace the forward pass
     * @param dOut  dL/d(state after step t) for every t, time order {@code [T·B, H]}; rows of
     *              masked steps must be 0
     * @param dWx   receives dL/dWx {@code [E, 4H]}
     * @param dWh   receives dL/dWh {@code [H, 4H]}
     * @param db    receives dL/db {@code [1, 4H]}
     * @return the gradients with respect to the inputs and the initial state and cell
     */
    public static InputGradients backward(LstmWeights w, Trace trace, INDArray dOut, INDArray dWx, INDArray dWh,
                                          INDArray db) {
        return backward(w, trace, dOut, dWx, dWh, db, null, null);
    }

    /**
     * Backpropagation through time, with the gains' gradients of a layer-normalized LSTM.
     *
     * @param dGainX receives dL/d(gain of the input projection) {@code [1, 4H]}; null without layer normalization
     * @param dGainH receives dL/d(gain of the recurrent projection) {@code [1, 4H]}; likewise
     * @see #backward(LstmWeights, Trace, INDArray, INDArray, INDArray, INDArray)
     */
    public static InputGradients backward(LstmWeights w, Trace trace, INDArray dOut, INDArray dWx, INDArray dWh,
                                          INDArray db, INDArray dGainX, INDArray dGainH) {
        int batch = trace.batch();
        int steps = trace.steps();
        DataType type = dOut.dataType();
        NormalizedProjections norm = trace.norm();
        INDArray dA = Nd4j.create(type, (long) steps * batch, 4L * w.hiddenSize());   // dL/d(pre-activations)
        INDArray dARaw = norm == null ? dA : Nd4j.create(type, (long) steps * batch, 4L * w.hiddenSize());  // d(h·Wh)
        INDArray[] dhdc = type == DataType.FLOAT ? backwardInFloat(w, trace, dOut, dA, dARaw)
                : backwardInDoublePrecision(w, trace, dOut, dA, dARaw);

        INDArray dAx = dA;                                                       // dL/d(x·Wx)
        if (norm != null) {
            dAx = norm.backward(dA, dA, w.gainX(), dGainX, dGainH);
        }
        Gemm.into(trace.x(), dAx, dWx, true, false, 1.0, 0.0);
        Gemm.into(trace.productInputs(), dARaw, dWh, true, false, 1.0, 0.0);
        ColumnSums.into(dA, db);
        INDArray dx = Nd4j.create(type, (long) steps * batch, w.inputSize());
        Gemm.into(dAx, w.wx(), dx, false, true, 1.0, 0.0);
        return new InputGradients(dx, dhdc[0], dhdc[1]);
    }

    /**
     * The steps of {@link #backward} for double arrays, in ND4J ops: the path the gradient checks
     * run in double precision to prove the formulas that {@link #backwardInFloat} computes in Java.
     *
     * @param dA receives dL/d(pre-activations) {@code [T·B, 4H]}
     * @param dARaw receives dL/d(h·Wh) {@code [T·B, 4H]} with layer normalization; else dA itself
     * @return dL/dh_0 and dL/dc_0 {@code [B, H]}
     */
    private static INDArray[] backwardInDoublePrecision(LstmWeights w, Trace trace, INDArray dOut, INDArray dA,
                                                        INDArray dARaw) {
        int batch = trace.batch();
        int steps = trace.steps();
        int h = w.hiddenSize();
        DataType type = dOut.dataType();
        INDArray gates = trace.gates();
        INDArray i = gates.get(all(), interval(0, h));
        INDArray f = gates.get(all(), interval(h, 2 * h));
        INDArray o = gates.get(all(), interval(2 * h, 3 * h));
        INDArray g = gates.get(all(), interval(3 * h, 4 * h));
        INDArray tanhC = trace.tanhC();

        // The local derivatives of all steps at once, so that each step below needs only products
        // with dh and dc: dc += dh∘o∘(1 − tanh²c'); dAi = dc∘g∘i(1 − i); dAf = dc∘c∘f(1 − f);
        // dAo = dh∘tanh(c')∘o(1 − o); dAg = dc∘i∘(1 − g²).
        INDArray cFactor = tanhC.mul(tanhC).rsubi(1.0).muli(o);                     // [T·B, H]
        INDArray factors = Nd4j.create(type, (long) steps * batch, 4L * h);        // [T·B, 4H]
        factors.get(all(), interval(0, h)).assign(i.rsub(1.0).muli(i).muli(g));
        factors.get(all(), interval(h, 2 * h)).assign(f.rsub(1.0).muli(f).muli(trace.previousCells()));
        factors.get(all(), interval(2 * h, 3 * h)).assign(o.rsub(1.0).muli(o).muli(tanhC));
        factors.get(all(), interval(3 * h, 4 * h)).assign(g.mul(g).rsubi(1.0).muli(i));

        INDArray dh = Nd4j.create(type, batch, h);
        INDArray dc = Nd4j.create(type, batch, h);
        INDArray tmp = Nd4j.create(type, batch, h);
        boolean[] padded = trace.padded();

        for (int k = steps - 1; k >= 0; k--) {
            int t = trace.reverse() ? steps - 1 - k : k;
            long row = (long) t * batch;
            dh.addi(rows(dOut, row, batch));                                     // dL/dh_t in all
            INDArray m = padded[t] ? maskColumn(trace.mask(), t, type) : null;
            INDArray dhPass = null;
            INDArray dcPass = null;
            if (m != null) {                                                     // masked rows pass through
                dhPass = dh.mul(m.rsub(1.0));
                dcPass = dc.mul(m.rsub(1.0));
            }
            Nd4j.exec(new MulOp(dh, rows(cFactor, row, batch), tmp));
            dc.addi(tmp);                                                        // dL/dc_t in all
            INDArray dAt = rows(dA, row, batch);
            INDArray ft = rows(factors, row, batch);
            Nd4j.exec(new MulOp(dc, ft.get(all(), interval(0, h)), dAt.get(all(), interval(0, h))));
            Nd4j.exec(new MulOp(dc, ft.get(all(), interval(h, 2 * h)), dAt.get(all(), interval(h, 2 * h))));
            Nd4j.exec(new MulOp(dh, ft.get(all(), interval(2 * h, 3 * h)), dAt.get(all(), interval(2 * h, 3 * h))));
            Nd4j.exec(new MulOp(dc, ft.get(all(), interval(3 * h, 4 * h)), dAt.get(all(), interval(3 * h, 4 * h))));
            dc.muli(rows(gates, row, batch).get(all(), interval(h, 2 * h)));      // through f∘c
            if (m != null) {
                Broadcast.mulColumn(dAt, m);
                Broadcast.mulColumn(dc, m).addi(dcPass);
            }
            INDArray dRaw = dAt;
            if (trace.norm() != null) {                                         // through LN(h·Wh) ∘ gain
                dRaw = rows(dARaw, row, batch).assign(trace.norm().stepBackward(dAt, w.gainH(), row));
            }
            Gemm.into(dRaw, w.wh(), dh, false, true, 1.0, 0.0);                   // through h·Wh
            if (trace.recurrentMask() != null) {
                dh.muli(trace.recurrentMask());                                  // through (h∘m)·Wh
            }
            if (m != null) {
                dh.addi(dhPass);
            }
        }
        return new INDArray[] {dh, dc};
    }

    /**
     * The steps of {@link #backward} for float arrays: each step's product with Wh in OpenBLAS,
     * the rest in Java, with two bulk copies per step (the step's dL/d(pre-activations) in, the
     * product out) instead of about fifteen ND4J ops. With g = dL/dh_t, c = dL/dc_t from later
     * steps and k the row's mask value (1 when the step is not masked):
     * {@code c' = c + g∘o∘(1 − tanh²c_t)}, {@code dA_i = c'∘g∘i(1 − i)·k},
     * {@code dA_f = c'∘c_{t−1}∘f(1 − f)·k}, {@code dA_o = g∘tanh(c_t)∘o(1 − o)·k},
     * {@code dA_g = c'∘i∘(1 − g²)·k}; then dL/dc_{t−1} = {@code c'∘f·k + c·(1 − k)} and
     * dL/dh_{t−1} = {@code dA·Whᵀ + g·(1 − k)}.
     *
     * @param dA receives dL/d(pre-activations) {@code [T·B, 4H]}, 'c' ordered, its own memory
     * @param dARaw receives dL/d(h·Wh) {@code [T·B, 4H]} with layer normalization, likewise; else dA itself
     * @return dL/dh_0 and dL/dc_0 {@code [B, H]}
     */
    private static INDArray[] backwardInFloat(LstmWeights w, Trace trace, INDArray dOut, INDArray dA, INDArray dARaw) {
        int batch = trace.batch();
        int steps = trace.steps();
        int h = w.hiddenSize();
        int g4 = 4 * h;
        int rowsH = batch * h;
        Scratch scratch = Scratch.forThisThread();
        float[] a = NativeFloats.read(trace.gates(), scratch.floats(Scratch.GATES, steps * batch * g4));   // i|f|o|g
        float[] cells = NativeFloats.read(trace.cells(), scratch.floats(Scratch.CELLS, (steps + 1) * rowsH));
        float[] tc = NativeFloats.read(trace.tanhC(), scratch.floats(Scratch.SECOND, steps * rowsH));
        float[] incoming = NativeFloats.read(dOut, scratch.floats(Scratch.INCOMING, steps * rowsH));
        float[] m = trace.mask() == null ? null : NativeFloats.read(trace.mask());   // [B, T]
        float[] dh = new float[rowsH];                                          // dL/dh_0, filled by the rows
        float[] dc = new float[rowsH];                                          // dL/dc_0, likewise
        float[] dropMask = trace.recurrentMask() == null ? null : NativeFloats.read(trace.recurrentMask());   // [B, H]
        NormalizedProjections norm = trace.norm();
        float[] gainH = norm == null ? null : NativeFloats.read(w.gainH());      // [4H]
        float[] hHat = norm == null ? null : NativeFloats.read(norm.hHat());     // [T·B, 4H]
        float[] hInvStd = norm == null ? null : NativeFloats.read(norm.hInvStd());
        BackwardRows all = new BackwardRows(w, trace, a, cells, tc, incoming, m, dh, dc, dropMask, norm, gainH, hHat,
                hInvStd, dA, dARaw);
        RangeExecutor.current().split(batch, norm != null ? batch : 1, Gemm.ALIGN, all::run);   // rows are independent
        return new INDArray[] {NativeFloats.create(dh, batch, h), NativeFloats.create(dc, batch, h)};
    }

    /**
     * The steps of {@link #backwardInFloat} for rows {@code [from, to)} of the batch, as
     * {@link ForwardRows}; {@code dh} and {@code dc} receive the rows' dL/dh_0 and dL/dc_0.
     */
    private record BackwardRows(LstmWeights w, Trace trace, float[] a, float[] cells, float[] tc, float[] incoming,
                                float[] m, float[] dhOut, float[] dcOut, float[] dropMask, NormalizedProjections norm,
                                float[] gainH, float[] hHat, float[] hInvStd, INDArray dA, INDArray dARaw) {
        void run(int from, int to) {
            int batch = trace.batch();
            int steps = trace.steps();
            int h = w.hiddenSize();
            int g4 = 4 * h;
            int rowsH = batch * h;
            int count = to - from;
            int part = count * h;
            float[] dAStep = new float[count * g4];                                 // [count, 4H]
            float[] dh = new float[part];                                           // dL/dh from later steps
            float[] dc = new float[part];                                           // dL/dc from later steps
            float[] pass = new float[part];                                         // the share of dh a masked row keeps
            float[] product = new float[part];
            INDArray through = Nd4j.create(DataType.FLOAT, count, h);               // [count, H], reused
            int previousBlock = trace.reverse() ? rowsH : 0;                        // c_{t−1} of step t at previousBlock + t·B·H
            for (int k = steps - 1; k >= 0; k--) {
                int t = trace.reverse() ? steps - 1 - k : k;
                boolean masked = trace.padded()[t];
                for (int b = from; b < to; b++) {
                    float keep = masked ? m[b * steps + t] : 1f;
                    int row = t * batch + b;
                    int at = row * g4;
                    int c = row * h;
                    int d = (b - from) * h;
                    int e = (b - from) * g4;
                    int cp = previousBlock + c;
                    for (int j = 0; j < h; j++) {
                        float g = dh[d + j] + incoming[c + j];
                        float i = a[at + j];
                        float f = a[at + h + j];
                        float o = a[at + 2 * h + j];
                        float gg = a[at + 3 * h + j];
                        float tanhC = tc[c + j];
                        float later = dc[d + j];
                        float cell = later + g * ((1f - tanhC * tanhC) * o);
                        dAStep[e + j] = cell * ((1f - i) * i * gg) * keep;
                        dAStep[e + h + j] = cell * ((1f - f) * f * cells[cp + j]) * keep;
                        dAStep[e + 2 * h + j] = g * ((1f - o) * o * tanhC) * keep;
                        dAStep[e + 3 * h + j] = cell * ((1f - gg * gg) * i) * keep;
                        dc[d + j] = masked ? cell * f * keep + later * (1f - keep) : cell * f;
                        pass[d + j] = masked ? g * (1f - keep) : 0f;
                    }
                }
                long stepAt = ((long) t * batch + from) * g4;
                NativeFloats.write(dAStep, 0, dA, stepAt, count * g4);
                if (norm != null) {                                                 // through LN(h·Wh) ∘ gain; all rows
                    NormalizedProjections.stepBackward(dAStep, gainH, hHat, hInvStd, t, batch, g4);
                    NativeFloats.write(dAStep, 0, dARaw, stepAt, count * g4);
                }
                Gemm.into(rows(dARaw, (long) t * batch + from, count), w.wh(), through, false, true, 1.0, 0.0);
                NativeFloats.read(through, product);                               // through h·Wh
                if (dropMask == null) {
                    for (int i = 0; i < part; i++) {
                        dh[i] = product[i] + pass[i];
                    }
                } else {
                    for (int i = 0; i < part; i++) {
                        dh[i] = product[i] * dropMask[from * h + i] + pass[i];
                    }
                }
            }
            System.arraycopy(dh, 0, dhOut, from * h, part);
            System.arraycopy(dc, 0, dcOut, from * h, part);
        }
    }
}
