package org.seq2seq.app;

/** Range checks of command-line options whose failure names the option and the value given. */
final class OptionChecks {
    private OptionChecks() {
    }

    /** Fails with {@code OPTION must be at least MIN, got VALUE} unless {@code value >= min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }
}
