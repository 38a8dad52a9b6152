package org.seq2seq.app.chart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seq2seq.core.io.AtomicFiles;
import org.seq2seq.core.train.EpochResult;

/**
 * A PNG chart of a run's epochs ({@code training.png} in the run directory), drawn with XChart:
 * training and validation loss (cross-entropy per target token) on the left axis, validation
 * BLEU on the right one when it was measured.
 */
public final class TrainingChart {
    public static final String FILE = "training.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private TrainingChart() {
    }

    /** The chart of {@code history} (at least one epoch). */
    public static XYChart chart(List<EpochResult> history, String title) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one finished epoch");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss (nats per target token)").build();
        XYStyler style = chart.getStyler();
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotGridLinesVisible(true);
        style.setXAxisDecimalPattern("0");
        style.setYAxisDecimalPattern("0.0");           // "4.0" beside "3.9", not "4"
        style.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        series(chart, "training loss", history, EpochResult::trainingLoss, 0, new Color(31, 119, 180));
        series(chart, "validation loss", history, EpochResult::validationLoss, 0, new Color(255, 127, 14));
        if (series(chart, "validation BLEU", history, EpochResult::validationBleu, 1, new Color(44, 160, 44))) {
            chart.setYAxisGroupTitle(1, "BLEU");
            // from 0, so that one epoch's BLEU is a point on a scale, not a lone tick
            double best = history.stream().mapToDouble(EpochResult::validationBleu).filter(Double::isFinite).max()
                    .orElse(1);
            style.setYAxisMin(1, 0.0);
            style.setYAxisMax(1, Math.max(1, Math.ceil(best * 1.2)));
        }
        return chart;
    }

    /** Writes the chart of {@code history} to {@code runDirectory/training.png}, atomically. */
    public static Path write(Path runDirectory, List<EpochResult> history) throws IOException {
        Path file = runDirectory.resolve(FILE);
        byte[] png = BitmapEncoder.getBitmapBytes(chart(history, "training: " + runDirectory.getFileName()),
                BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.writeBytes(file, png);
        return file;
    }

    /** Adds the finite values of {@code figure} as a series; false when there are none. */
    private static boolean series(XYChart chart, String name, List<EpochResult> history,
                                  ToDoubleFunction<EpochResult> figure, int axis, Color color) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochResult e : history) {
            double v = figure.applyAsDouble(e);
            if (Double.isFinite(v)) {
                x.add(e.epoch() + 1);
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setYAxisGroup(axis);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return true;
    }
}
