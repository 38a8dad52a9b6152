package org.seq2seq.decoder.gru;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.seq2seq.nn.TimeMajor.keepMasked;
import static org.seq2seq.nn.TimeMajor.maskColumn;
import static org.seq2seq.nn.TimeMajor.paddedSteps;
import static org.seq2seq.nn.TimeMajor.rows;
import static org.seq2seq.nn.TimeMajor.timesEveryStep;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
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
 * The GRU recurrence as PyTorch's {@code nn.GRU} computes it, forward and backward through time,
 * in ND4J. For input x_t and previous state h:
 *
 * <pre>
 * r  = σ(x_t·Wx_r + bx_r + h·Wh_r + bh_r)
 * z  = σ(x_t·Wx_z + bx_z + h·Wh_z + bh_z)
 * n  = tanh(x_t·Wx_n + bx_n + r ∘ (h·Wh_n + bh_n))
 * h' = (1 − z) ∘ n + z ∘ h
 * </pre>
 *
 * <p>Sequences are time-major 2-D arrays: row {@code t·B + b} is step t of sequence b. The input
 * projections of all steps are one matrix product; each step then costs one product with Wh.
 * A masked step (mask 0) carries the state over unchanged and takes no gradient. With a
 * recurrent dropout mask m {@code [B, H]} (variational dropout, the same at every step), the
 * products read {@code (h ∘ m)·Wh}; the {@code z ∘ h} term keeps h whole. With layer
 * normalization ({@link GruWeights#layerNormalized()}), {@code x_t·Wx} (with the extra gate input)
 * and {@code h·Wh} are each normalized per row over their 3H values ({@link LayerNorm}) and
 * scaled by their gains before the biases, as Ba et al. (2016) normalize an LSTM's two products.
 *
 * <p>Stateless; all methods are thread-safe for distinct arrays.
 *
 * <p>One path per data type: float arrays (training and translation) run the step arithmetic in
 * Java ({@code forwardInFloat}, {@code backwardInFloat}); double arrays run the same formulas in
 * ND4J ops ({@code forwardInDoublePrecision}, {@code backwardInDoublePrecision}), the path kept
 * for the gradient checks, which need double precision.
 */
public final class GruCell {
    private GruCell() {
    }

    /**
     * What {@link #backward} needs of a forward pass.
     *
     * @param x      inputs {@code [T·B, E]}
     * @param mask   {@code [B, T]}, 1 for real steps, or null
     * @param padded which steps have a row whose mask is not 1 (only those are masked)
     * @param states h_0 … h_T {@code [(T+1)·B, H]}: rows {@code 0..B-1} hold h_0
     * @param rz     reset and update gates side by side {@code [T·B, 2H]}
     * @param n      candidate states {@code [T·B, H]}
     * @param hn     {@code h·Wh_n + bh_n} of each step {@code [T·B, H]}
     * @param steps  T
     * @param batch  B
     * @param recurrentMask the recurrent dropout mask {@code [B, H]}, or null
     * @param norm   what layer normalization kept, or null without it
     */
    public record Trace(INDArray x, INDArray mask, boolean[] padded, INDArray states, INDArray rz, INDArray n,
                        INDArray hn, int steps, int batch, INDArray recurrentMask, NormalizedProjections norm) {

        /**
         * The reset gates {@code [T·B, H]}, a view. For one step's rows take rows of {@link #rz}
         * and then columns: ND4J 1.0.0-M2.1 gives rows of this column view a wrong (empty) shape.
         */
        public INDArray r() {
            return rz.get(all(), interval(0, n.size(1)));
        }

        /** The update gates {@code [T·B, H]}, a view (see {@link #r()} about rows). */
        public INDArray z() {
            return rz.get(all(), interval(n.size(1), 2 * n.size(1)));
        }

        /** h_1 … h_T, the outputs: {@code [T·B, H]}, a view. */
        public INDArray outputs() {
            return rows(states, batch, steps * batch);
        }

        /** h_T, the last state: {@code [B, H]}, a view. */
        public INDArray last() {
            return rows(states, steps * batch, batch);
        }

        /** h_0 … h_{T−1} as the recurrent products read them (times the dropout mask) {@code [T·B, H]}. */
        INDArray productInputs() {
            return timesEveryStep(rows(states, 0, (long) steps * batch), recurrentMask, steps);
        }
    }

    /**
     * Gradients of one backward pass; the weight gradients are written into the arrays the caller
     * passed.
     *
     * @param dx         dL/dx {@code [T·B, E]}
     * @param dh0        dL/dh_0 {@code [B, H]}
     * @param dExtraGates dL/d(extra gate input), summed over steps {@code [B, 3H]}
     */
    public record InputGradients(INDArray dx, INDArray dh0, INDArray dExtraGates) {
    }

    /**
     * Runs T steps without recurrent dropout: the forward pass below with no recurrent mask.
     *
     * @param x          inputs {@code [T·B, E]}, time-major
     * @param h0         initial state {@code [B, H]}
     * @param mask       {@code [B, T]} or null
     * @param extraGates added to every step's input projection {@code [B, 3H]}, or null
     */
    public static Trace forward(GruWeights w, INDArray x, INDArray h0, INDArray mask, INDArray extraGates,
                                Arena arena) {
        return forward(w, x, h0, mask, extraGates, null, arena);
    }

    /**
     * Runs T steps.
     *
     * @param w          the weights
     * @param x          inputs {@code [T·B, E]}, time-major
     * @param h0         initial state {@code [B, H]}
     * @param mask       {@code [B, T]} or null
     * @param extraGates added to every step's input projection {@code [B, 3H]} (a context fed
     *                   to every step), or null
     * @param recurrentMask the recurrent dropout mask {@code [B, H]} the products with Wh read the
     *                   state through, or null
     * @param arena      where the trace's arrays go, or null for the current workspace
     * @return the trace, whose {@link Trace#outputs()} are h_1 … h_T
     */
    public static Trace forward(GruWeights w, INDArray x, INDArray h0, INDArray mask, INDArray extraGates,
                                INDArray recurrentMask, Arena arena) {
        int batch = (int) h0.size(0);
        int h = w.hiddenSize();
        int steps = (int) (x.size(0) / batch);
        DataType type = x.dataType();

        INDArray bias = w.bx().dup();                                              // [1, 3H]
        bias.get(all(), interval(0, 2 * h)).addi(w.bh().get(all(), interval(0, 2 * h)));  // bh_r, bh_z fold in
        INDArray gx = Gemm.product(x, w.wx());                                     // [T·B, 3H]
        if (extraGates != null) {
            Broadcast.addRow(gx.reshape('c', steps, (long) batch * 3 * h),
                    extraGates.dup('c').reshape('c', 1, (long) batch * 3 * h));
        }
        NormalizedProjections norm = w.layerNormalized() ? NormalizedProjections.ofInputs(gx, w.gainX(), arena) : null;
        Broadcast.addRow(gx, bias);
        INDArray bhn = w.bh().get(all(), interval(2 * h, 3 * h));                  // [1, H]
        INDArray states = Arena.matrix(arena, type, (long) (steps + 1) * batch, h);   // [(T+1)·B, H]
        rows(states, 0, batch).assign(h0);
        INDArray rz = Arena.matrix(arena, type, (long) steps * batch, 2L * h);  // [T·B, 2H]: r | z
        INDArray n = Arena.matrix(arena, type, (long) steps * batch, h);
        INDArray hn = Arena.matrix(arena, type, (long) steps * batch, h);
        boolean[] padded = paddedSteps(mask, steps);
        if (type == DataType.FLOAT) {
            forwardInFloat(w, gx, bhn, mask, recurrentMask, norm, padded, states, rz, n, hn, steps, batch);
            return new Trace(x, mask, padded, states, rz, n, hn, steps, batch, recurrentMask, norm);
        }
        forwardInDoublePrecision(w, gx, bhn, mask, recurrentMask, norm, padded, states, rz, n, hn, steps, batch);
        return new Trace(x, mask, padded, states, rz, n, hn, steps, batch, recurrentMask, norm);
    }

    /**
     * The loop of {@link #forward} for double arrays, in ND4J ops: the path the gradient checks
     * run in double precision to prove the formulas that {@link #forwardInFloat} computes in Java.
     */
    private static void forwardInDoublePrecision(GruWeights w, INDArray gx, INDArray bhn, INDArray mask,
                                                 INDArray recurrentMask, NormalizedProjections norm, boolean[] padded,
                                                 INDArray states, INDArray rz, INDArray n, INDArray hn, int steps,
                                                 int batch) {
        int h = w.hiddenSize();
        DataType type = gx.dataType();
        INDArray gh = Nd4j.create(type, batch, 3L * h);                          // [B, 3H], reused
        INDArray ghRz = gh.get(all(), interval(0, 2 * h));
        INDArray ghN = gh.get(all(), interval(2 * h, 3 * h));

        for (int t = 0; t < steps; t++) {
            INDArray hPrev = rows(states, t * batch, batch);
            INDArray gxt = rows(gx, t * batch, batch);
            Gemm.into(recurrentMask == null ? hPrev : hPrev.mul(recurrentMask), w.wh(), gh, false, false, 1.0,
                    0.0);                                                        // h·Wh, [B, 3H]
            if (norm != null) {
                norm.normalizeStep(gh, w.gainH(), (long) t * batch);
            }
            INDArray rzt = rows(rz, t * batch, batch);
            Nd4j.exec(new AddOp(gxt.get(all(), interval(0, 2 * h)), ghRz, rzt));
            Transforms.sigmoid(rzt, false);
            INDArray hnt = rows(hn, t * batch, batch);
            Broadcast.addRow(ghN, bhn, hnt);                                       // h·Wh_n + bh_n
            INDArray nt = rows(n, t * batch, batch);
            Nd4j.exec(new MulOp(rzt.get(all(), interval(0, h)), hnt, nt));
            Transforms.tanh(nt.addi(gxt.get(all(), interval(2 * h, 3 * h))), false);
            INDArray ht = rows(states, (t + 1) * batch, batch);
            Nd4j.exec(new SubOp(hPrev, nt, ht));
            ht.muli(rzt.get(all(), interval(h, 2 * h))).addi(nt);                 // n + z∘(h − n)
            if (padded[t]) {
                Broadcast.mulColumn(ht.subi(hPrev), maskColumn(mask, t, type)).addi(hPrev);   // masked: h' = h
            }
        }
    }

    /**
     * The loop of {@link #forward} for float arrays: the matrix product of each step in OpenBLAS,
     * the gate arithmetic in Java ({@link GruStepKernel#gates}), with two bulk copies per step (the
     * product out, the new state in) instead of a dozen ND4J ops; the gates of all steps are
     * written to the trace once at the end. With a recurrent mask, each step's state is written
     * once more, times the mask, for the product; with layer normalization, each step's product
     * is normalized in Java and the normalized products of all steps written to the trace at the end.
     */
    private static void forwardInFloat(GruWeights w, INDArray gx, INDArray bhnRow, INDArray mask,
                                      INDArray recurrentMask, NormalizedProjections norm, boolean[] padded,
                                      INDArray states,
                                      INDArray rz, INDArray n, INDArray hn, int steps, int batch) {
        int h = w.hiddenSize();
        int rowsH = batch * h;
        Scratch scratch = Scratch.forThisThread();
        float[] gxAll = NativeFloats.read(gx, scratch.floats(Scratch.GATES, steps * batch * 3 * h));  // [T·B, 3H]
        float[] bhn = NativeFloats.read(bhnRow);                               // [H]
        float[] m = mask == null ? null : NativeFloats.read(mask);              // [B, T]
        float[] hAll = scratch.floats(Scratch.STATES, (steps + 1) * rowsH);     // h_0 … h_T
        NativeFloats.read(rows(states, 0, batch), hAll);
        float[] rzAll = scratch.floats(Scratch.CELLS, steps * batch * 2 * h);
        float[] nAll = scratch.floats(Scratch.SECOND, steps * rowsH);
        float[] hnAll = scratch.floats(Scratch.THIRD, steps * rowsH);
        float[] keep = recurrentMask == null ? null : NativeFloats.read(recurrentMask);   // [B, H]
        float[] gainH = norm == null ? null : NativeFloats.read(w.gainH());     // [3H]
        float[] hHat = norm == null ? null : new float[steps * batch * 3 * h];   // [T·B, 3H]
        float[] hInvStd = norm == null ? null : new float[steps * batch];
        ForwardRows all = new ForwardRows(w, gxAll, bhn, m, keep, norm, gainH, hHat, hInvStd, padded, states, hAll,
                rzAll, nAll, hnAll, steps, batch);
        RangeExecutor.current().split(batch, norm != null ? batch : 1, Gemm.ALIGN, all::run);   // rows are independent
        NativeFloats.write(rzAll, 0, rz, 0, steps * batch * 2 * h);
        NativeFloats.write(nAll, 0, n, 0, steps * rowsH);
        NativeFloats.write(hnAll, 0, hn, 0, steps * rowsH);
        if (norm != null) {
            NativeFloats.write(hHat, 0, norm.hHat(), 0, hHat.length);
            NativeFloats.write(hInvStd, 0, norm.hInvStd(), 0, hInvStd.length);
        }
    }

    /**
     * The steps of {@link #forwardInFloat} for a range of the batch's rows, whose recurrences do
     * not touch each other's: parts of a batch run on the threads of the
     * {@link RangeExecutor#current() current executor} into disjoint parts of the shared arrays. Layer normalization takes all rows at once.
     */
    private record ForwardRows(GruWeights w, float[] gxAll, float[] bhn, float[] m, float[] keep,
                               NormalizedProjections norm, float[] gainH, float[] hHat, float[] hInvStd,
                               boolean[] padded, INDArray states, float[] hAll, float[] rzAll, float[] nAll,
                               float[] hnAll, int steps, int batch) {
        void run(int from, int to) {
            int h = w.hiddenSize();
            int count = to - from;
            int rowsH = batch * h;
            int part = count * h;
            float[] product = new float[count * 3 * h];                              // [count, 3H]
            INDArray gh = Nd4j.create(DataType.FLOAT, count, 3L * h);                // [count, 3H], reused
            float[] droppedState = keep == null ? null : new float[part];
            INDArray dropped = keep == null ? null : Nd4j.create(DataType.FLOAT, count, h);   // [count, H], reused
            VectorMath math = Scratch.forThisThread().math();
            for (int t = 0; t < steps; t++) {
                int stateAt = t * rowsH + from * h;                                 // h_t of row from
                INDArray productInput = rows(states, (long) t * batch + from, count);
                if (keep != null) {
                    for (int i = 0; i < part; i++) {
                        droppedState[i] = hAll[stateAt + i] * keep[from * h + i];
                    }
                    NativeFloats.write(droppedState, 0, dropped, 0, part);
                    productInput = dropped;
                }
                Gemm.into(productInput, w.wh(), gh, false, false, 1.0, 0.0);             // h·Wh, [rows, 3H]
                NativeFloats.read(gh, product);
                if (norm != null) {                                                 // all rows: from 0 to B
                    NormalizedProjections.normalizeStep(product, gainH, hHat, hInvStd, t, batch, 3 * h);
                }
                GruStepKernel.gates(gxAll, (t * batch + from) * 3 * h, product, bhn, hAll, stateAt, count, h,
                        rzAll, (t * batch + from) * 2 * h, hnAll, nAll, stateAt, hAll, stateAt + rowsH, math);
                if (padded[t]) {                                                    // masked: h' = h
                    keepMasked(hAll, stateAt + rowsH, stateAt, m, steps, t, from, to, h);
                }
                NativeFloats.write(hAll, stateAt + rowsH, states, stateAt + rowsH, part);
            }
        }
    }


    /**
     * Backpropagation through time.
     *
     * @param w     the weights of the forward pass
     * @param trace the forward pass
     * @param dOut  dL/dh_1 … dL/dh_T {@code [T·B, H]}
     * @param dLast extra dL/dh_T {@code [B, H]}, or null
     * @param dWx   receives dL/dWx {@code [E, 3H]}
     * @param dWh   receives dL/dWh {@code [H, 3H]}
     * @param dbx   receives dL/dbx {@code [1, 3H]}
     * @param dbh   receives dL/dbh {@code [1, 3H]}
     * @return the gradients with respect to the inputs
     */
    public static InputGradients backward(GruWeights w, Trace trace, INDArray dOut, INDArray dLast,
                                          INDArray dWx, INDArray dWh, INDArray dbx, INDArray dbh) {
        return backward(w, trace, dOut, dLast, dWx, dWh, dbx, dbh, null, null);
    }

    /**
     * Backpropagation through time, with the gains' gradients of a layer-normalized GRU.
     *
     * @param dGainX receives dL/d(gain of the input projection) {@code [1, 3H]}; null without layer normalization
     * @param dGainH receives dL/d(gain of the recurrent projection) {@code [1, 3H]}; likewise
     * @see #backward(GruWeights, Trace, INDArray, INDArray, INDArray, INDArray, INDArray, INDArray)
     */
    public static InputGradients backward(GruWeights w, Trace trace, INDArray dOut, INDArray dLast,
                                          INDArray dWx, INDArray dWh, INDArray dbx, INDArray dbh, INDArray dGainX,
                                          INDArray dGainH) {
        int batch = trace.batch();
        int steps = trace.steps();
        int h = w.hiddenSize();
        DataType type = dOut.dataType();
        NormalizedProjections norm = trace.norm();

        INDArray dGx = Nd4j.create(type, (long) steps * batch, 3L * h);     // dL/d(input projection)
        INDArray dGh = Nd4j.create(type, (long) steps * batch, 3L * h);     // dL/d(recurrent projection)
        INDArray dGhRaw = norm == null ? dGh : Nd4j.create(type, (long) steps * batch, 3L * h);   // ... of h·Wh
        INDArray dh = type == DataType.FLOAT ? backwardInFloat(w, trace, dOut, dLast, dGx, dGh, dGhRaw)
                : backwardInDoublePrecision(w, trace, dOut, dLast, dGx, dGh, dGhRaw);

        INDArray dGxRaw = dGx;                                               // dL/d(x·Wx + extra)
        if (norm != null) {
            dGxRaw = norm.backward(dGx, dGh, w.gainX(), dGainX, dGainH);
        }
        Gemm.into(trace.x(), dGxRaw, dWx, true, false, 1.0, 0.0);
        Gemm.into(trace.productInputs(), dGhRaw, dWh, true, false, 1.0, 0.0);
        ColumnSums.into(dGx, dbx);
        ColumnSums.into(dGh, dbh);
        INDArray dx = Nd4j.create(type, (long) steps * batch, w.inputSize());
        Gemm.into(dGxRaw, w.wx(), dx, false, true, 1.0, 0.0);
        INDArray dExtra = ColumnSums.of(dGxRaw.reshape('c', steps, (long) batch * 3 * h))
                .reshape('c', batch, 3L * h);
        return new InputGradients(dx, dh, dExtra);
    }

    /**
     * The steps of {@link #backward} for double arrays, in ND4J ops: the path the gradient checks
     * run in double precision to prove the formulas that {@link #backwardInFloat} computes in Java.
     *
     * @param dGx receives dL/d(input projection) {@code [T·B, 3H]}
     * @param dGh receives dL/d(recurrent projection) {@code [T·B, 3H]}
     * @param dGhRaw receives dL/d(h·Wh) {@code [T·B, 3H]} with layer normalization; else dGh itself
     * @return dL/dh_0 {@code [B, H]}
     */
    private static INDArray backwardInDoublePrecision(GruWeights w, Trace trace, INDArray dOut, INDArray dLast,
                                                      INDArray dGx, INDArray dGh, INDArray dGhRaw) {
        int batch = trace.batch();
        int steps = trace.steps();
        int h = w.hiddenSize();
        DataType type = dOut.dataType();
        INDArray dh = dLast == null ? Nd4j.create(type, batch, h) : dLast.dup('c');
        INDArray tmp = Nd4j.create(type, batch, h);
        boolean[] padded = trace.padded();

        // The local derivatives of all steps at once, [T·B, H] each, so that each step below needs
        // only products with dh: dan = dh∘(1 − z)∘(1 − n²), daz = dh∘(h − n)∘z∘(1 − z),
        // dar = dan∘hn∘r∘(1 − r).
        INDArray z = trace.z();
        INDArray r = trace.r();
        INDArray n = trace.n();
        INDArray hPrevAll = rows(trace.states(), 0, steps * batch);             // h_0 … h_{T−1}
        INDArray oneMinusZ = z.rsub(1.0);
        INDArray dnFactor = n.mul(n).rsubi(1.0).muli(oneMinusZ);
        INDArray dzFactor = hPrevAll.sub(n).muli(z).muli(oneMinusZ);
        INDArray drFactor = r.rsub(1.0).muli(r).muli(trace.hn());

        for (int t = steps - 1; t >= 0; t--) {
            dh.addi(rows(dOut, t * batch, batch));                            // dL/dh_t in all
            INDArray dgxt = rows(dGx, t * batch, batch);
            INDArray dar = dgxt.get(all(), interval(0, h));
            INDArray daz = dgxt.get(all(), interval(h, 2 * h));
            INDArray dan = dgxt.get(all(), interval(2 * h, 3 * h));
            Nd4j.exec(new MulOp(dh, rows(dnFactor, t * batch, batch), dan));
            Nd4j.exec(new MulOp(dh, rows(dzFactor, t * batch, batch), daz));
            Nd4j.exec(new MulOp(dan, rows(drFactor, t * batch, batch), dar));
            INDArray rzt = rows(trace.rz(), t * batch, batch);                  // [B, 2H]
            INDArray zt = rzt.get(all(), interval(h, 2 * h));
            INDArray maskCol = padded[t] ? maskColumn(trace.mask(), t, type) : null;
            if (maskCol != null) {
                Broadcast.mulColumn(dgxt, maskCol);
            }
            INDArray dght = rows(dGh, t * batch, batch);
            dght.get(all(), interval(0, 2 * h)).assign(dgxt.get(all(), interval(0, 2 * h)));
            Nd4j.exec(new MulOp(dan, rzt.get(all(), interval(0, h)), dght.get(all(), interval(2 * h, 3 * h))));  // r scales hn

            if (maskCol == null) {
                dh.muli(zt);                                                   // through z∘h
            } else {
                dh.muli(Broadcast.mulColumn(tmp.assign(zt).rsubi(1.0), maskCol).rsubi(1.0));   // masked rows: all of dh
            }
            INDArray dRaw = dght;
            if (trace.norm() != null) {                                        // through LN(h·Wh) ∘ gain
                dRaw = rows(dGhRaw, (long) t * batch, batch)
                        .assign(trace.norm().stepBackward(dght, w.gainH(), (long) t * batch));
            }
            if (trace.recurrentMask() == null) {
                Gemm.into(dRaw, w.wh(), dh, false, true, 1.0, 1.0);            // through h·Wh
            } else {
                Gemm.into(dRaw, w.wh(), tmp, false, true, 1.0, 0.0);           // through (h∘m)·Wh
                dh.addi(tmp.muli(trace.recurrentMask()));
            }
        }
        return dh;
    }

    /**
     * The steps of {@link #backward} for float arrays: each step's product with Wh in OpenBLAS,
     * the rest in Java ({@link GruStepKernel#gradients}), with two bulk copies per step (the
     * step's dL/d(recurrent projection) in, the product out) instead of about ten ND4J ops.
     *
     * @param dGx receives dL/d(input projection) {@code [T·B, 3H]}, 'c' ordered, its own memory
     * @param dGh receives dL/d(recurrent projection) {@code [T·B, 3H]}, likewise
     * @param dGhRaw receives dL/d(h·Wh) {@code [T·B, 3H]} with layer normalization, likewise; else dGh itself
     * @return dL/dh_0 {@code [B, H]}
     */
    private static INDArray backwardInFloat(GruWeights w, Trace trace, INDArray dOut, INDArray dLast, INDArray dGx,
                                           INDArray dGh, INDArray dGhRaw) {
        int batch = trace.batch();
        int steps = trace.steps();
        int h = w.hiddenSize();
        int rowsH = batch * h;
        int rowsG = batch * 3 * h;
        Scratch scratch = Scratch.forThisThread();
        float[] rz = NativeFloats.read(trace.rz(), scratch.floats(Scratch.CELLS, steps * batch * 2 * h));
        float[] n = NativeFloats.read(trace.n(), scratch.floats(Scratch.SECOND, steps * rowsH));
        float[] hn = NativeFloats.read(trace.hn(), scratch.floats(Scratch.THIRD, steps * rowsH));
        float[] states = NativeFloats.read(trace.states(), scratch.floats(Scratch.STATES, (steps + 1) * rowsH));
        float[] incoming = NativeFloats.read(dOut, scratch.floats(Scratch.INCOMING, steps * rowsH));
        float[] dGxAll = scratch.floats(Scratch.GRADIENTS, steps * rowsG);
        float[] m = trace.mask() == null ? null : NativeFloats.read(trace.mask());   // [B, T]
        float[] dh = dLast == null ? new float[rowsH] : NativeFloats.read(dLast);    // dL/dh_{t+1}
        float[] keep = trace.recurrentMask() == null ? null : NativeFloats.read(trace.recurrentMask());   // [B, H]
        NormalizedProjections norm = trace.norm();
        float[] gainH = norm == null ? null : NativeFloats.read(w.gainH());      // [3H]
        float[] hHat = norm == null ? null : NativeFloats.read(norm.hHat());     // [T·B, 3H]
        float[] hInvStd = norm == null ? null : NativeFloats.read(norm.hInvStd());
        BackwardRows all = new BackwardRows(w, trace, rz, n, hn, states, incoming, dGxAll, m, dh, keep, norm, gainH,
                hHat, hInvStd, dGh, dGhRaw);
        RangeExecutor.current().split(batch, norm != null ? batch : 1, Gemm.ALIGN, all::run);   // rows are independent
        NativeFloats.write(dGxAll, 0, dGx, 0, steps * rowsG);
        return NativeFloats.create(dh, batch, h);
    }

    /**
     * The steps of {@link #backwardInFloat} for a range of the batch's rows, as
     * {@link ForwardRows}: {@code dh} holds dL/dh_T of all rows on entry and dL/dh_0 on return.
     */
    private record BackwardRows(GruWeights w, Trace trace, float[] rz, float[] n, float[] hn, float[] states,
                                float[] incoming, float[] dGxAll, float[] m, float[] dh, float[] keep,
                                NormalizedProjections norm, float[] gainH, float[] hHat, float[] hInvStd,
                                INDArray dGh, INDArray dGhRaw) {
        void run(int from, int to) {
            int batch = trace.batch();
            int steps = trace.steps();
            int h = w.hiddenSize();
            int count = to - from;
            int rowsG = batch * 3 * h;
            int part = count * h;
            int partG = count * 3 * h;
            float[] dhRows = Arrays.copyOfRange(dh, from * h, to * h);              // dL/dh_{t+1} of the rows
            float[] dGhStep = new float[partG];
            float[] product = new float[part];
            INDArray through = Nd4j.create(DataType.FLOAT, count, h);                // [count, H], reused
            for (int t = steps - 1; t >= 0; t--) {
                GruStepKernel.gradients(dhRows, incoming, rz, n, hn, states, m, trace.padded()[t], t, steps, batch,
                        h, dGxAll, t * rowsG, dGhStep, from, to);
                long at = (long) t * rowsG + (long) from * 3 * h;
                NativeFloats.write(dGhStep, 0, dGh, at, partG);
                if (norm != null) {                                                 // through LN(h·Wh) ∘ gain; all rows
                    NormalizedProjections.stepBackward(dGhStep, gainH, hHat, hInvStd, t, batch, 3 * h);
                    NativeFloats.write(dGhStep, 0, dGhRaw, at, partG);
                }
                Gemm.into(rows(dGhRaw, (long) t * batch + from, count), w.wh(), through, false, true, 1.0, 0.0);
                NativeFloats.read(through, product);                                // through h·Wh
                if (keep == null) {
                    for (int i = 0; i < part; i++) {
                        dhRows[i] += product[i];
                    }
                } else {
                    for (int i = 0; i < part; i++) {
                        dhRows[i] += product[i] * keep[from * h + i];
                    }
                }
            }
            System.arraycopy(dhRows, 0, dh, from * h, part);
        }
    }
}
