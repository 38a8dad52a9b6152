package org.seq2seq.app.chart;

import java.io.IOException;
import java.nio.file.Path;
import org.seq2seq.core.train.EpochTable;
import org.seq2seq.core.train.Trainer;
import org.seq2seq.core.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redraws {@code training.png} in the run directory after every epoch. A chart that cannot be
 * drawn (no display libraries, say) is logged and skipped: the figures are in the run's
 * {@code training.csv}, which the library writes.
 */
public final class ChartWriter implements Trainer.Listener {
    private static final Logger log = LoggerFactory.getLogger(ChartWriter.class);
    private final Path runDirectory;
    private boolean chartFailed;
    private int epochsDrawn;

    public ChartWriter(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /** Whether {@code training.png} shows the first {@code epochs} epochs (as last drawn by this writer). */
    public boolean shows(int epochs) {
        return epochsDrawn == epochs && epochs > 0;
    }

    @Override
    public void epochSaved(TrainingState state) {
        if (chartFailed) {
            return;
        }
        try {
            TrainingChart.write(runDirectory, state.history());
            epochsDrawn = state.history().size();
        } catch (IOException | RuntimeException | LinkageError e) {
            chartFailed = true;
            log.warn("could not draw {} ({}); the figures are in {}", TrainingChart.FILE, e, EpochTable.FILE);
        }
    }
}
