package org.seq2seq.decoder.gru;

import java.util.Arrays;
import org.seq2seq.nn.runtime.Scratch;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.seq2seq.nn.runtime.VectorMath;

/**
 * The gate arithmetic of GRU steps on float arrays in Java, after the matrix products: what
 * {@link GruCell#forward} computes, in the same order of operations, with {@link VectorMath}'s
 * sigmoid and tanh, in loops that the JIT vectorizes: ND4J's element-wise ops took longer than
 * the step's matrix products (docs/performance.md, "GruStepKernel").
 *
 * <p>All arrays are row-major: row i of a {@code [N, 3H]} array holds its r, z and n blocks at
 * {@code i·3H}, {@code i·3H + H} and {@code i·3H + 2H}. Offsets say where a step's rows start.
 */
final class GruStepKernel {
    /**
     * The fewest rows of a decoding step worth a thread of their own ({@link RangeExecutor}): on
     * 2 vCPUs, steps of fewer than 16 rows ran no faster in two halves.
     */
    private static final int ROW_GRAIN = 8;

    private GruStepKernel() {
    }

    /**
     * One decoding step.
     *
     * @param gx    {@code x·Wx} {@code [N, 3H]}, biases not added
     * @param extra added to {@code gx} after its bias (a context's share) {@code [N, 3H]}, or null
     * @param gh    {@code h·Wh} {@code [N, 3H]}, biases not added
     * @param state h {@code [N, H]}
     * @param bx    input bias {@code [3H]}
     * @param bh    recurrent bias {@code [3H]}
     * @return h' {@code [N, H]}
     */
    static float[] step(float[] gx, float[] extra, float[] gh, float[] state, float[] bx, float[] bh, int n, int h,
                        VectorMath math) {
        float[] inputBias = bx.clone();                  // bx + (bh_r, bh_z, 0), as GruCell folds them
        for (int j = 0; j < 2 * h; j++) {
            inputBias[j] += bh[j];
        }
        float[] bhn = new float[h];
        System.arraycopy(bh, 2 * h, bhn, 0, h);
        float[] next = new float[n * h];
        RangeExecutor.current().split(n, ROW_GRAIN,                      // rows apart, each as alone
                (from, to) -> rows(gx, extra, gh, state, inputBias, bhn, h, from, to, next,
                        from == 0 ? math : Scratch.forThisThread().math()));
        return next;
    }

    /** Rows {@code [from, to)} of {@link #step}, into the same rows of {@code next}. */
    private static void rows(float[] gx, float[] extra, float[] gh, float[] state, float[] inputBias, float[] bhn,
                             int h, int from, int to, float[] next, VectorMath math) {
        int g = 3 * h;
        int count = to - from;
        Scratch scratch = Scratch.forThisThread();                       // this thread's: rows run on several
        float[] biased = scratch.floats(Scratch.GATES, count * g);
        for (int i = 0; i < count; i++) {
            int o = (from + i) * g;
            int d = i * g;
            if (extra == null) {
                for (int j = 0; j < g; j++) {
                    biased[d + j] = gx[o + j] + inputBias[j];
                }
            } else {
                for (int j = 0; j < g; j++) {
                    biased[d + j] = (gx[o + j] + inputBias[j]) + extra[o + j];
                }
            }
        }
        float[] product = from == 0 ? gh : Arrays.copyOfRange(gh, from * g, to * g);   // read from 0
        gates(biased, 0, product, bhn, state, from * h, count, h, scratch.floats(Scratch.CELLS, count * 2 * h), 0,
                scratch.floats(Scratch.THIRD, count * h), scratch.floats(Scratch.SECOND, count * h), 0, next, from * h, math);
    }

    /**
     * The gates of one step for N rows, written at the given offsets:
     * {@code r|z = σ(gx_rz + gh_rz)}, {@code hn = gh_n + bh_n}, {@code n = tanh(r ∘ hn + gx_n)},
     * {@code h' = (h − n) ∘ z + n}.
     *
     * @param gx    the input projections with all their biases {@code [N, 3H]} from {@code gxAt}
     * @param gh    {@code h·Wh} without bias {@code [N, 3H]} from 0
     * @param bhn   the recurrent bias of the n block {@code [H]}
     * @param state h {@code [N, H]} from {@code stateAt}
     * @param rz    receives r | z {@code [N, 2H]} from {@code rzAt}
     * @param hn    receives {@code gh_n + bh_n} {@code [N, H]} from {@code at}
     * @param cand  receives n {@code [N, H]} from {@code at}
     * @param next  receives h' {@code [N, H]} from {@code nextAt}
     */
    static void gates(float[] gx, int gxAt, float[] gh, float[] bhn, float[] state, int stateAt, int n, int h,
                      float[] rz, int rzAt, float[] hn, float[] cand, int at, float[] next, int nextAt,
                      VectorMath math) {
        int g = 3 * h;
        int h2 = 2 * h;
        for (int i = 0; i < n; i++) {
            int x = gxAt + i * g;
            int o = i * g;
            int q = rzAt + i * h2;
            for (int j = 0; j < h2; j++) {
                rz[q + j] = gx[x + j] + gh[o + j];
            }
        }
        math.sigmoid(rz, rzAt, n * h2);
        for (int i = 0; i < n; i++) {
            int o = i * g + h2;
            int c = at + i * h;
            for (int j = 0; j < h; j++) {
                hn[c + j] = gh[o + j] + bhn[j];
            }
        }
        for (int i = 0; i < n; i++) {
            int x = gxAt + i * g + h2;
            int q = rzAt + i * h2;
            int c = at + i * h;
            for (int j = 0; j < h; j++) {
                cand[c + j] = rz[q + j] * hn[c + j] + gx[x + j];
            }
        }
        math.tanh(cand, at, n * h);
        for (int i = 0; i < n; i++) {
            int q = rzAt + i * h2 + h;
            int c = at + i * h;
            int s = stateAt + i * h;
            int d = nextAt + i * h;
            for (int j = 0; j < h; j++) {
                next[d + j] = (state[s + j] - cand[c + j]) * rz[q + j] + cand[c + j];
            }
        }
    }

    /**
     * One step of backpropagation through time for rows {@code [from, to)} of B, the derivatives of {@link #gates}:
     * with g = dL/dh_{t+1} (from later steps plus the step's own output), and k the row's mask
     * value (1 when the step is not masked),
     * {@code dan = g∘(1 − n²)∘(1 − z)·k}, {@code daz = g∘(h − n)∘z∘(1 − z)·k},
     * {@code dar = dan∘hn∘r∘(1 − r)}, and the share of dL/dh_t that passes through z∘h (all of
     * it on a masked row): {@code g∘(1 − (1 − z)·k)}.
     *
     * @param dh       in: dL/dh_{t+1} from later steps, rows {@code [from, to)} {@code [to − from, H]}; out: dL/dh_t through z∘h,
     *                 to which the caller adds the product of {@code dGh} with Whᵀ
     * @param incoming dL/d(outputs) of all steps {@code [T·B, H]}
     * @param rz       r | z of all steps {@code [T·B, 2H]}
     * @param n        the candidates of all steps {@code [T·B, H]}
     * @param hn       {@code h·Wh_n + bh_n} of all steps {@code [T·B, H]}
     * @param states   h_0 … h_T {@code [(T+1)·B, H]}
     * @param mask     {@code [B, T]}, or null when {@code masked} is false
     * @param masked   whether step t has masked rows
     * @param dGx      receives the step's dL/d(input projection) {@code [B, 3H]} from {@code dGxAt}
     * @param dGh      receives the step's dL/d(recurrent projection) of the rows {@code [to − from, 3H]} from 0
     * @param from     the first of the batch's rows to do; {@code dh} holds only rows {@code [from, to)}
     * @param to       one past the last
     */
    static void gradients(float[] dh, float[] incoming, float[] rz, float[] n, float[] hn, float[] states,
                          float[] mask, boolean masked, int t, int steps, int batch, int h, float[] dGx, int dGxAt,
                          float[] dGh, int from, int to) {
        int g3 = 3 * h;
        for (int b = from; b < to; b++) {
            float keep = masked ? mask[b * steps + t] : 1f;
            int row = t * batch + b;
            int c = row * h;
            int q = row * 2 * h;
            int x = dGxAt + b * g3;
            int y = (b - from) * g3;
            int d = (b - from) * h;
            for (int j = 0; j < h; j++) {
                float g = dh[d + j] + incoming[c + j];
                float r = rz[q + j];
                float z = rz[q + h + j];
                float cand = n[c + j];
                float dan = g * ((1f - cand * cand) * (1f - z)) * keep;
                float daz = g * ((states[c + j] - cand) * z * (1f - z)) * keep;
                float dar = dan * ((1f - r) * r * hn[c + j]);
                dGx[x + j] = dar;
                dGx[x + h + j] = daz;
                dGx[x + 2 * h + j] = dan;
                dGh[y + j] = dar;
                dGh[y + h + j] = daz;
                dGh[y + 2 * h + j] = dan * r;
                dh[d + j] = masked ? g * (1f - (1f - z) * keep) : g * z;
            }
        }
    }
}
