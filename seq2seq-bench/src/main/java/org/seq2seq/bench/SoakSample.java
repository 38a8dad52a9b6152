package org.seq2seq.bench;

import java.util.List;

/**
 * One row of a long load run: what the clients saw in an interval and the server process's
 * figures at its end ({@code bench-serve --samples}).
 *
 * @param clients  concurrent clients of the run
 * @param interval the clients' figures
 * @param server   the server's figures; null when /metrics could not be read
 */
public record SoakSample(int clients, ServeLoad.Interval interval, ServeLoad.ServerFigures server) {
    /** The CSV header of {@link #csvRow()}. */
    public static final List<String> CSV_HEADER = List.of("elapsed_s", "clients", "sentences_per_s", "p50_ms",
            "p99_ms", "answered", "busy", "other_errors", "rss_mb", "heap_after_gc_mb", "heap_used_mb", "threads",
            "open_files", "heap_committed_mb");

    /** The row's values, in the order of {@link #CSV_HEADER}. */
    public List<Object> csvRow() {
        ServeLoad.ServerFigures s = server;
        return List.of(round(interval.elapsedSeconds(), 1), clients,
                round(interval.answered() / interval.seconds(), 2), round(interval.p50Millis(), 1),
                round(interval.p99Millis(), 1), interval.answered(), interval.busy(), interval.otherErrors(),
                s == null ? "" : round(s.residentMb(), 1), s == null ? "" : round(s.heapAfterGcMb(), 1),
                s == null ? "" : round(s.heapUsedMb(), 1), s == null ? "" : (long) s.threads(),
                s == null ? "" : (long) s.openFiles(), s == null ? "" : round(s.heapCommittedMb(), 1));
    }

    private static Object round(double value, int places) {
        if (!Double.isFinite(value)) {
            return "";
        }
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    /**
     * How a figure moved after the warm-up: its least-squares slope per hour, smallest and largest
     * value, over the samples from {@code warmupSeconds} on.
     *
     * @return null when fewer than two samples have the figure
     */
    public static Trend trend(List<SoakSample> samples, double warmupSeconds, java.util.function.ToDoubleFunction<SoakSample> figure) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double first = Double.NaN;
        double last = Double.NaN;
        for (SoakSample s : samples) {
            double x = s.interval().elapsedSeconds() / 3600;
            double y = figure.applyAsDouble(s);
            if (s.interval().elapsedSeconds() < warmupSeconds || !Double.isFinite(y)) {
                continue;
            }
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            min = Math.min(min, y);
            max = Math.max(max, y);
            first = Double.isNaN(first) ? y : first;
            last = y;
        }
        if (n < 2) {
            return null;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new Trend(first, last, min, max, slope);
    }

    /** A figure after the warm-up: its first and last values, extremes and fitted slope per hour. */
    public record Trend(double first, double last, double min, double max, double perHour) {
    }
}
