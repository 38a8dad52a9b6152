package org.seq2seq.app.chart;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
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
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seq2seq.bench.SoakSample;
import org.seq2seq.core.io.AtomicFiles;

/**
 * The picture of a long load run ({@code bench-serve --samples}): four panels over minutes, the
 * server's resident memory, committed heap and heap after collections, the clients' median and 99th-percentile
 * latency, the server's threads and its open files; what grows without bound shows as a line
 * that keeps rising.
 */
public final class SoakChart {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 340;

    private SoakChart() {
    }

    /** Writes the four panels, two by two, to {@code file} (PNG). */
    public static void write(Path file, List<SoakSample> samples, String title) throws IOException {
        List<XYChart> panels = List.of(
                panel(title + ": server memory", "MB", samples, new Series("resident (RSS)", s -> s.server() == null
                        ? Double.NaN : s.server().residentMb(), new Color(31, 119, 180)),
                        new Series("heap committed", s -> s.server() == null ? Double.NaN
                                : s.server().heapCommittedMb(), new Color(127, 127, 127)),
                        new Series("heap after collections", s -> s.server() == null ? Double.NaN
                                : s.server().heapAfterGcMb(), new Color(255, 127, 14))),
                panel(String.format(java.util.Locale.ROOT, "latency of each %.0f s", samples.isEmpty() ? 0
                        : samples.get(0).interval().seconds()), "ms", samples,
                        new Series("p50", s -> s.interval().p50Millis(), new Color(44, 160, 44)),
                        new Series("p99", s -> s.interval().p99Millis(), new Color(214, 39, 40))),
                panel("threads", "threads", samples, new Series("live threads", s -> s.server() == null ? Double.NaN
                        : s.server().threads(), new Color(148, 103, 189))),
                panel("open files", "descriptors", samples, new Series("open file descriptors", s -> s.server() == null
                        ? Double.NaN : s.server().openFiles(), new Color(140, 86, 75))));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(panels, 2, 2, png, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    private record Series(String name, ToDoubleFunction<SoakSample> figure, Color color) {
    }

    private static XYChart panel(String title, String unit, List<SoakSample> samples, Series... series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("minutes")
                .yAxisTitle(unit).build();
        Styler style = chart.getStyler();
        style.setLegendPosition(Styler.LegendPosition.InsideSE);
        style.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(3);
        for (Series s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (SoakSample sample : samples) {
                double v = s.figure().applyAsDouble(sample);
                if (Double.isFinite(v)) {
                    x.add(sample.interval().elapsedSeconds() / 60);
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                XYSeries line = chart.addSeries(s.name(), x, y);
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setLineColor(s.color());
                line.setMarkerColor(s.color());
            }
        }
        return chart;
    }
}
