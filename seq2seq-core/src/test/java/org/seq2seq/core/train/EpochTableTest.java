package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochTableTest {
    @TempDir
    Path dir;

    static final List<EpochResult> HISTORY = List.of(
            new EpochResult(0, 166, 4.7595, 3.8694, 47.91, 2708.4, 2309.1, 41.2, 3.5),
            new EpochResult(1, 332, 3.7318, 3.4320, 30.94, 2760, 2353, 40, 9.25),
            new EpochResult(2, 498, 3.3801, Double.NaN, Double.NaN, 2600, 2216, 42, Double.NaN));

    private static final String CSV = """
            epoch,steps,train_loss,valid_loss,valid_perplexity,valid_bleu,target_tokens_per_s,source_tokens_per_s,seconds\r
            1,166,4.7595,3.8694,47.9100,3.5000,2708.4000,2309.1000,41.2000\r
            2,332,3.7318,3.4320,30.9400,9.2500,2760.0000,2353.0000,40.0000\r
            3,498,3.3801,,,,2600.0000,2216.0000,42.0000\r
            """;

    @Test
    void theCsvHasARowPerEpochAndEmptyFieldsForWhatWasNotMeasured() {
        assertEquals(CSV, EpochTable.csv(HISTORY));
    }

    @Test
    void theWriterRewritesTheCsvAfterEachEpoch() throws IOException {
        TrainingState state = new TrainingState(3, 0, 498, 0, 0, 0, 0, 123, 3.432, "step-00000332", 1, HISTORY, null);
        new EpochTable.Writer(dir).epochSaved(state);

        assertEquals(CSV, Files.readString(dir.resolve(EpochTable.FILE)));
    }
}
