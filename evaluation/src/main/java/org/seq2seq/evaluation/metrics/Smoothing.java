package org.seq2seq.evaluation.metrics;

import java.util.Locale;

/**
 * How BLEU treats n-gram orders without a match, as sacreBLEU names them.
 *
 * @param method the method
 * @param value  floor's epsilon or add-k's k; ignored by exp and none
 */
public record Smoothing(Method method, double value) {
    /** The methods. */
    public enum Method {
        /** No smoothing: a zero precision makes BLEU zero. */
        NONE("none"),
        /** Zero-match orders get {@code value / total} (default 0.1). */
        FLOOR("floor"),
        /** {@code value} is added to the matches and totals of orders 2 to 4 (default 1). */
        ADD_K("add-k"),
        /** NIST geometric sequence {@code 1 / (2^k × total)} for the k-th zero-match order: sacreBLEU's default. */
        EXP("exp");

        private final String name;

        Method(String name) {
            this.name = name;
        }

        public String signatureName() {
            return name;
        }
    }

    public Smoothing {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the smoothing value must be 0 or more, got " + value);
        }
    }

    /** sacreBLEU's default: exp. */
    public static Smoothing exp() {
        return new Smoothing(Method.EXP, 0);
    }

    /** A method by its sacreBLEU name with its default value (floor 0.1, add-k 1). */
    public static Smoothing of(String name) {
        return of(name, Double.NaN);
    }

    /** A method by its sacreBLEU name; a NaN value means the method's default. */
    public static Smoothing of(String name, double value) {
        for (Method m : Method.values()) {
            if (m.name.equals(name.toLowerCase(Locale.ROOT))) {
                double v = !Double.isNaN(value) ? value : m == Method.FLOOR ? 0.1 : m == Method.ADD_K ? 1 : 0;
                return new Smoothing(m, v);
            }
        }
        throw new IllegalArgumentException("unknown smoothing '" + name + "' (known: exp, floor, add-k, none)");
    }

    /** As in sacreBLEU's signature: {@code exp}, {@code floor[0.10]}, {@code add-k[1.00]}. */
    public String signature() {
        return method == Method.FLOOR || method == Method.ADD_K
                ? method.name + "[" + PythonFloat.fixed(value, 2) + "]" : method.name;
    }
}
