package org.seq2seq.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorMathTest {
    private final VectorMath math = new VectorMath();

    @Test
    void theExponentialIsWithinTwoUlpsOfTheExactOneOverItsWholeRange() {
        int n = 4_300_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -i * 1e-5f;
        }
        float[] e = new float[n];
        math.exp(x, 0f, e, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(e[i] - exact) / exact);
        }
        assertTrue(worst < 1.2e-7, "largest relative error " + worst);
        assertEquals(1f, e[0]);
    }

    @Test
    void theExponentialShiftsItsArgumentsAndClampsThemAtTheFloor() {
        float[] x = {5f, 5f - (float) Math.log(2), -100f, 4f};
        float[] out = new float[4];
        math.exp(x, 5f, out, 3);                                   // the fourth is left alone
        assertEquals(1f, out[0]);
        assertEquals(0.5f, out[1], 1e-7f);
        assertEquals(Math.exp(-VectorMath.FLOOR), out[2], 1e-25);
        assertEquals(0f, out[3]);
    }

    @Test
    void sigmoidAndTanhAreWithinTheirBoundsOfTheExactValues() {
        int n = 2_000_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i - n / 2) * 2e-5f;                            // -20 … 20
        }
        float[] s = x.clone();
        float[] t = x.clone();
        math.sigmoid(s, n);
        math.tanh(t, n);
        double worstSigmoid = 0;
        double worstTanh = 0;
        for (int i = 0; i < n; i++) {
            worstSigmoid = Math.max(worstSigmoid, Math.abs(s[i] - 1 / (1 + Math.exp(-x[i]))));
            worstTanh = Math.max(worstTanh, Math.abs(t[i] - Math.tanh(x[i])));
        }
        assertTrue(worstSigmoid < 1e-7, "sigmoid's largest error " + worstSigmoid);
        assertTrue(worstTanh < 2.5e-7, "tanh's largest error " + worstTanh);
    }

    @Test
    void sigmoidAndTanhOfZeroLargeAndMissingValues() {
        float[] s = {0f, -0f, 1e-38f, -1e-38f, 100f, -100f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] t = s.clone();
        math.sigmoid(s, s.length);
        math.tanh(t, t.length);
        float[] sigmoid = {0.5f, 0.5f, 0.5f, 0.5f, 1f, 0f, 1f, 0f, Float.NaN};
        float[] tanh = {0f, 0f, 0f, 0f, 1f, -1f, 1f, -1f, Float.NaN};
        for (int i = 0; i < s.length; i++) {
            assertEquals(sigmoid[i], s[i], 3e-19f, "sigmoid, value " + i);       // exp(-43) for the floor
            assertEquals(tanh[i], t[i], 1e-7f, "tanh, value " + i);
        }
    }
}
