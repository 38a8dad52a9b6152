package org.seq2seq.core.train;

import java.time.Duration;

/** Durations for people: {@code 1h02m}, {@code 3m05s}, {@code 42s}. */
public final class Durations {
    private Durations() {
    }

    public static String format(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        if (d.toHours() > 0) {
            return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }
}
