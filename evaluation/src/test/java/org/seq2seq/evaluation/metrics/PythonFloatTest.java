package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fixed-point output as Python 3.11 prints it ({@code f"{x:.Nf}"}, printed there for these values). */
class PythonFloatTest {
    @Test
    void roundsTheExactBinaryValueHalfToEvenAsPythonDoes() {
        assertEquals("13.45", PythonFloat.fixed(13.445, 2));     // 13.4450000000000002842…
        assertEquals("0.12", PythonFloat.fixed(0.125, 2));       // exactly half: to even (Java's %.2f: 0.13)
        assertEquals("2.67", PythonFloat.fixed(2.675, 2));       // 2.67499999…     (Java's %.2f: 2.68)
        assertEquals("19.71", PythonFloat.fixed(19.715, 2));
        assertEquals("1.00", PythonFloat.fixed(1.005, 2));
        assertEquals("0.2", PythonFloat.fixed(0.25, 1));
        assertEquals("0.3", PythonFloat.fixed(0.35, 1));
        assertEquals("0.001", PythonFloat.fixed(0.0005, 3));
        assertEquals("-0.00", PythonFloat.fixed(-0.0, 2));
        assertEquals("-1.50", PythonFloat.fixed(-1.5, 2));
        assertEquals("nan", PythonFloat.fixed(Double.NaN, 2));
        assertEquals("inf", PythonFloat.fixed(Double.POSITIVE_INFINITY, 2));
        assertEquals("100000000000000000000.00", PythonFloat.fixed(1e20, 2));
    }

    @Test
    void bleuIsPrintedWithPythonsRounding() {
        BleuScore score = new BleuScore(2.675, new long[4], new long[4], new double[] {0.25, 0.35, 12.25, 100},
                0.125, 9, 8, "sig");
        assertEquals("BLEU = 2.67 0.2/0.3/12.2/100.0 (BP = 0.125 ratio = 1.125 hyp_len = 9 ref_len = 8)", score.format());
    }
}
