package org.seq2seq.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.train.EpochResult;
import org.seq2seq.core.train.TrainingState;

class ChartWriterTest {
    @TempDir
    Path dir;

    private static final List<EpochResult> HISTORY = List.of(
            new EpochResult(0, 166, 4.7595, 3.8694, 47.91, 2708.4, 2309.1, 41.2, 3.5),
            new EpochResult(1, 332, 3.7318, 3.4320, 30.94, 2760, 2353, 40, 9.25),
            new EpochResult(2, 498, 3.3801, Double.NaN, Double.NaN, 2600, 2216, 42, Double.NaN));

    @Test
    void theListenerDrawsAPngChartAfterEachEpoch() throws IOException {
        TrainingState state = new TrainingState(3, 0, 498, 0, 0, 0, 0, 123, 3.432, "step-00000332", 1, HISTORY, null);
        new ChartWriter(dir).epochSaved(state);

        BufferedImage png = ImageIO.read(dir.resolve(TrainingChart.FILE).toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
        // not a blank image: the plotted series colour (validation BLEU's green) is somewhere in it
        boolean green = false;
        for (int x = 0; x < png.getWidth() && !green; x++) {
            for (int y = 0; y < png.getHeight() && !green; y++) {
                green = png.getRGB(x, y) == new java.awt.Color(44, 160, 44).getRGB();
            }
        }
        assertTrue(green, "the BLEU series is drawn");
        assertNotEquals(0, Files.size(dir.resolve(TrainingChart.FILE)));
        assertEquals(3, TrainingChart.chart(HISTORY, "t").getSeriesMap().size());
        assertEquals(1, TrainingChart.chart(HISTORY.subList(2, 3), "t").getSeriesMap().size(),
                "an epoch without validation: the training loss only");
    }

    @Test
    void oneEpochsBleuIsAPointOnAScaleFromZero() {
        var chart = TrainingChart.chart(HISTORY.subList(0, 1), "t");
        assertEquals(0.0, chart.getStyler().getYAxisMin(1));
        assertEquals(5.0, chart.getStyler().getYAxisMax(1));      // ceil(1.2 x 3.5)
        assertEquals("0.0", chart.getStyler().getYAxisDecimalPattern());
    }

    @Test
    void aChartThatCannotBeWrittenIsNotClaimed() throws IOException {
        TrainingState state = new TrainingState(3, 0, 498, 0, 0, 0, 0, 123, 3.432, "step-00000332", 1, HISTORY, null);
        ChartWriter drawn = new ChartWriter(dir);
        drawn.epochSaved(state);
        assertTrue(drawn.shows(3));
        assertFalse(drawn.shows(4), "a later epoch is not in it");
        ChartWriter failing = new ChartWriter(Files.writeString(dir.resolve("a-file"), "x"));   // no directory
        failing.epochSaved(state);
        assertFalse(failing.shows(3));
    }

    @Test
    void aChartNeedsAnEpoch() {
        assertThrows(IllegalArgumentException.class, () -> TrainingChart.chart(List.of(), "t"));
    }
}
