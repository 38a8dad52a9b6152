package org.seq2seq.evaluation.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed as Python's {@code f"{x:.Nf}"} prints them, which is how sacreBLEU prints its
 * scores: the double's exact binary value rounded half to even. Java's {@code %.Nf} rounds the
 * shortest decimal form half up instead, so {@code 2.675} (really 2.67499999…) prints as
 * {@code 2.68} in Java and {@code 2.67} in Python, and {@code 0.125} as {@code 0.13} and
 * {@code 0.12}.
 */
public final class PythonFloat {
    private PythonFloat() {
    }

    /** {@code value} with {@code decimals} digits after the point, as Python's fixed-point format writes it. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        return negativeZero || (value < 0 && !digits.startsWith("-")) ? "-" + digits : digits;
    }
}
