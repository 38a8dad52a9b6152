package org.seq2seq.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seq2seq.core.io.AtomicFiles;

/**
 * The per-epoch figures of a run as CSV ({@code training.csv} in the run directory), one row per
 * epoch; an unmeasured figure is an empty field.
 */
public final class EpochTable {
    public static final String FILE = "training.csv";
    static final String[] HEADER = {"epoch", "steps", "train_loss", "valid_loss", "valid_perplexity", "valid_bleu",
        "target_tokens_per_s", "source_tokens_per_s", "seconds"};

    private EpochTable() {
    }

    /** The CSV text of {@code history}. */
    public static String csv(List<EpochResult> history) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
            for (EpochResult e : history) {
                printer.printRecord(e.epoch() + 1, e.steps(), number(e.trainingLoss()), number(e.validationLoss()),
                        number(e.validationPerplexity()), number(e.validationBleu()),
                        number(e.targetTokensPerSecond()), number(e.sourceTokensPerSecond()), number(e.seconds()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** Writes {@code history} to {@code runDirectory/training.csv}, atomically. */
    public static Path write(Path runDirectory, List<EpochResult> history) throws IOException {
        Path file = runDirectory.resolve(FILE);
        AtomicFiles.writeString(file, csv(history));
        return file;
    }

    /** Rewrites {@code training.csv} after every epoch's checkpoint. */
    public static final class Writer implements Trainer.Listener {
        private final Path runDirectory;

        public Writer(Path runDirectory) {
            this.runDirectory = runDirectory;
        }

        @Override
        public void epochSaved(TrainingState state) {
            try {
                write(runDirectory, state.history());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }
}
