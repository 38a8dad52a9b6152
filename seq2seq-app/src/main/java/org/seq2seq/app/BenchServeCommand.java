package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seq2seq.bench.ServeLoad;
import org.seq2seq.bench.SoakSample;
import org.seq2seq.app.chart.SoakChart;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.serve.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq bench-serve}: load on a running {@code serve} from 1, 8 and 32 concurrent
 * clients, each sending one sentence per request back to back.
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Load a running 'serve' with concurrent clients, each sending one-sentence requests back to "
                + "back, and report sentences/s, latency percentiles, the server's batch sizes, refusals (503 with "
                + "Retry-After) and whether any request was lost, mixed up or answered twice.",
            "The first row (one client) is the sequential baseline the others are compared with."})
final class BenchServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", description = "The server.")
    URI url = URI.create("http://127.0.0.1:8080/");

    @Option(names = "--corpus", required = true, description = "Source sentences from this corpus, sent in order "
            + "and again from the start.")
    Path corpus;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Option(names = "--clients", split = ",", description = "Concurrent clients of each run.")
    List<Integer> clients = new ArrayList<>(List.of(1, 8, 32));

    @Option(names = "--seconds", description = "Length of each run.")
    int seconds = 60;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "One client's requests before the runs, not "
            + "counted.")
    int warmup = 5;

    @Option(names = "--beam", description = "The beam each request asks for (1: greedy).")
    int beam = 5;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "The server's key, if it needs one.")
    Path apiKeyFile;

    @Option(names = "--samples", paramLabel = "FILE.csv", description = "Every --interval, write the interval's "
            + "sentences/s and latency percentiles and the server's resident memory, heap after collections, threads "
            + "and open files (from its /metrics) as a CSV row to this file, and draw them to FILE.png: a soak test. "
            + "At the end, how each figure moved after --soak-warmup.")
    Path samples;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "How often --samples takes a row.")
    int interval = 10;

    @Option(names = "--soak-warmup", paramLabel = "SECONDS", description = "With --samples, the start of each run "
            + "left out of the trends (the JIT compiler and the heap settle in it).")
    int soakWarmup = 300;

    @Override
    public Integer call() throws IOException, InterruptedException {
        OptionChecks.inputFile(corpus);
        OptionChecks.atLeast("--seconds", seconds, 1);
        OptionChecks.atLeast("--warmup", warmup, 0);
        OptionChecks.atLeast("--beam", beam, 1);
        OptionChecks.atLeast("--interval", interval, 1);
        OptionChecks.atLeast("--soak-warmup", soakWarmup, 0);
        if (samples != null && !samples.getFileName().toString().endsWith(".csv")) {
            throw new IllegalArgumentException("--samples must name a .csv file, got " + samples);
        }
        if (samples != null && samples.toAbsolutePath().getParent() != null
                && !Files.isDirectory(samples.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("--samples " + samples + ": its directory does not exist");
        }
        for (int c : clients) {
            OptionChecks.atLeast("--clients", c, 1);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url must be an http:// or https:// address, got " + url);
        }
        String key = apiKeyFile == null ? null : ApiKey.text(apiKeyFile);
        List<String> sentences = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(corpus, corpusOptions.format(corpus))) {
            for (SentencePair pair : reader) {
                sentences.add(pair.source());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ServeLoad load = new ServeLoad(url, sentences, beam, key);
        if (load.serverCounts() == null) {
            throw new IllegalArgumentException("--url " + url + ": no seq2seq server answers there (GET /metrics)");
        }
        if (warmup > 0) {
            load.run(1, Duration.ofSeconds(warmup));
        }
        out.printf("%s, %d sentences from %s, beam %d, %d s per run%n", url, sentences.size(), corpus, beam, seconds);
        out.println("| clients | sentences/s | p50 ms | p95 ms | p99 ms | mean batch | answered | 503 + Retry-After "
                + "| other errors | mixed up | lost | refused | server counted |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        out.flush();
        Double baseline = null;
        List<ServeLoad.Result> results = new ArrayList<>();
        SoakLog soak = samples == null ? null : new SoakLog(samples, load);
        for (int c : clients) {
            ServeLoad.Result r = soak == null ? load.run(c, Duration.ofSeconds(seconds))
                    : load.run(c, Duration.ofSeconds(seconds), Duration.ofSeconds(interval), soak.sink(c));
            results.add(r);
            out.printf(Locale.ROOT, "| %d | %.2f | %.0f | %.0f | %.0f | %.2f | %d | %d | %d | %d | %d | %d | %s |%n",
                    r.clients(), r.sentencesPerSecond(), r.percentile(50), r.percentile(95), r.percentile(99),
                    r.meanBatch(), r.answered(), r.busy(), r.otherErrors(), r.mismatched(), r.lost(), r.refused(),
                    r.serverRequests() < 0 ? "?" : Long.toString(r.serverRequests()));
            out.flush();
            if (c == 1) {
                baseline = r.sentencesPerSecond();
            }
        }
        if (baseline != null) {
            for (ServeLoad.Result r : results) {
                if (r.clients() > 1) {
                    out.printf(Locale.ROOT, "%d clients: %.2f× the sentences/s of one client's sequential requests%n",
                            r.clients(), r.sentencesPerSecond() / baseline);
                }
            }
        }
        if (soak != null) {
            soak.finish(out, soakWarmup);
        }
        boolean clean = results.stream().allMatch(r -> r.mismatched() == 0 && r.lost() == 0 && r.otherErrors() == 0
                && (r.serverRequests() < 0
                || r.serverRequests() == r.answered() + r.busy() + r.otherErrors() + r.mismatched()));
        boolean counted = results.stream().allMatch(r -> r.serverRequests() >= 0);
        out.println(!clean ? "SOME REQUESTS WERE LOST, MIXED UP OR MISCOUNTED: see the table"
                : "every request sent was answered once, with its own sentence; " + (counted
                ? "the server counted the same" : "the server's count could not be read at the end (it had stopped)"));
        out.flush();
        return clean ? 0 : 1;
    }

    /** The rows of {@code --samples}: written as they come, drawn and summed up at the end. */
    private static final class SoakLog {
        private final Path file;
        private final ServeLoad load;
        private final List<SoakSample> rows = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CSVPrinter csv;

        SoakLog(Path file, ServeLoad load) throws IOException {
            this.file = file;
            this.load = load;
            this.csv = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setHeader(SoakSample.CSV_HEADER.toArray(String[]::new)).build());
            csv.flush();
        }

        Consumer<ServeLoad.Interval> sink(int clients) {
            return interval -> {
                SoakSample sample = new SoakSample(clients, interval, load.serverFigures());
                rows.add(sample);
                try {
                    csv.printRecord(sample.csvRow());
                    csv.flush();                              // a row at a time: the file is readable during the run
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }

        void finish(PrintWriter out, int warmupSeconds) throws IOException {
            csv.close();
            Path png = file.resolveSibling(file.getFileName().toString().replaceAll("\\.csv$", ".png"));
            try {
                SoakChart.write(png, rows, "bench-serve");
            } catch (IOException | RuntimeException | LinkageError e) {
                out.println("could not draw " + png + " (" + e + "); the figures are in " + file);
            }
            out.printf("%d samples in %s and %s; after the first %d s of each run:%n", rows.size(), file, png,
                    warmupSeconds);
            trend(out, "resident memory, MB", warmupSeconds, s -> s.server() == null ? Double.NaN : s.server().residentMb());
            trend(out, "heap committed, MB", warmupSeconds,
                    s -> s.server() == null ? Double.NaN : s.server().heapCommittedMb());
            trend(out, "heap after collections, MB", warmupSeconds,
                    s -> s.server() == null ? Double.NaN : s.server().heapAfterGcMb());
            trend(out, "threads", warmupSeconds, s -> s.server() == null ? Double.NaN : s.server().threads());
            trend(out, "open files", warmupSeconds, s -> s.server() == null ? Double.NaN : s.server().openFiles());
            trend(out, "p50 latency, ms", warmupSeconds, s -> s.interval().p50Millis());
            trend(out, "p99 latency, ms", warmupSeconds, s -> s.interval().p99Millis());
            out.flush();
        }

        private void trend(PrintWriter out, String name, int warmupSeconds, java.util.function.ToDoubleFunction<SoakSample> f) {
            SoakSample.Trend t = SoakSample.trend(rows, warmupSeconds, f);
            if (t == null) {
                out.printf("  %-28s too few samples%n", name);
            } else {
                out.printf(Locale.ROOT, "  %-28s first %.1f, last %.1f, min %.1f, max %.1f, fitted slope %+.2f per hour%n",
                        name, t.first(), t.last(), t.min(), t.max(), t.perHour());
            }
        }
    }
}
