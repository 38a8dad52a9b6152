package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.seq2seq.app.chart.ChartWriter;
import org.seq2seq.app.chart.TrainingChart;
import org.seq2seq.core.train.Checkpoints;
import org.seq2seq.core.train.Durations;
import org.seq2seq.core.train.EpochResult;
import org.seq2seq.core.train.EpochTable;
import org.seq2seq.core.train.TrainingState;

/** The table printed at the end of {@code train}: one row per epoch, then where things are. */
final class TrainingSummary {
    private final PrintWriter out;

    TrainingSummary(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param chart what drew {@code training.png}: it is named only if it shows every epoch (a
     *              chart that failed, or was cut short by Ctrl-C, is not announced)
     */
    void print(TrainingState end, Checkpoints checkpoints, ChartWriter chart) throws IOException {
        out.println("epoch  train loss  valid loss  valid ppl  valid BLEU  target tok/s  source tok/s  time");
        for (EpochResult e : end.history()) {
            out.printf("%5d  %10.4f  %10s  %9s  %10s  %12.0f  %12.0f  %s%n", e.epoch() + 1, e.trainingLoss(),
                    e.validated() ? String.format("%.4f", e.validationLoss()) : "-",
                    e.validated() ? String.format("%.2f", e.validationPerplexity()) : "-",
                    e.hasBleu() ? String.format("%.2f", e.validationBleu()) : "-", e.targetTokensPerSecond(),
                    e.sourceTokensPerSecond(), Durations.format(e.seconds()));
        }
        if (end.stopped() != null) {
            out.println("stopped: " + end.stopped());
        }
        Path dir = checkpoints.directory();
        out.println("best model: " + checkpoints.best().map(Path::toString).orElse("none yet (no epoch finished)"));
        out.println("latest checkpoint: " + checkpoints.latest().map(Path::toString).orElse("none"));
        if (!end.history().isEmpty()) {
            out.println("per-epoch figures: " + dir.resolve(EpochTable.FILE) + (chart.shows(end.history().size())
                    ? " and " + dir.resolve(TrainingChart.FILE) : " (no up-to-date chart: " + TrainingChart.FILE
                    + " could not be drawn)"));
        }
        out.flush();
    }
}
