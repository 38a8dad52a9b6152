package org.seq2seq.app.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code training.csv} and {@code training.png} in the run directory up to date after
 * every epoch. A chart that cannot be drawn (no display libraries, say) is logged and skipped;
 * the CSV is not optional.
 */
public final class EpochFiles implements Trainer.Listener {
    private static final Logger log = LoggerFactory.getLogger(EpochFiles.class);
    private final Path runDirectory;
    private boolean chartFailed;

    public EpochFiles(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    @Override
    public void epochSaved(TrainingState state) {
        try {
            EpochTable.write(runDirectory, state.history());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (chartFailed) {
            return;
        }
        try {
            TrainingChart.write(runDirectory, state.history());
        } catch (IOException | RuntimeException | LinkageError e) {
            chartFailed = true;
            log.warn("could not draw {} ({}); the figures are in {}", TrainingChart.FILE, e, EpochTable.FILE);
        }
    }
}
