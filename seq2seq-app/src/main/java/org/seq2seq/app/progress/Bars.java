package org.seq2seq.app.progress;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.seq2seq.evaluation.run.TranslationProgress;

/** Progress bars on standard error, and the test for whether to draw them. */
public final class Bars {
    private Bars() {
    }

    /**
     * Whether bars should be drawn: standard input and output are a terminal (Java 17's only
     * test), and {@code SEQ2SEQ_PROGRESS} is not {@code off}.
     */
    public static boolean enabled() {
        return System.console() != null && !"off".equalsIgnoreCase(System.getenv("SEQ2SEQ_PROGRESS"));
    }

    /** A bar on standard error counting {@code unit}s, with rate and time to go. */
    public static ProgressBar start(String task, long total, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setMaxRenderedLength(100).continuousUpdate().setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Translation progress as a bar when {@link #enabled()}, else as log lines. */
    public static TranslationProgress translation(String task) {
        if (!enabled()) {
            return TranslationProgress.logged();
        }
        return new TranslationProgress() {
            private ProgressBar bar;

            @Override
            public void translated(int done, int total, double seconds) {
                if (bar == null) {
                    bar = start(task, total, "sent");
                }
                bar.stepTo(done);
            }

            @Override
            public void close() {
                if (bar != null) {
                    bar.close();
                }
            }
        };
    }
}
