package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq2seq.app.bench.ServeLoad;
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

    @Override
    public Integer call() throws IOException, InterruptedException {
        OptionChecks.inputFile(corpus);
        OptionChecks.atLeast("--seconds", seconds, 1);
        OptionChecks.atLeast("--warmup", warmup, 0);
        OptionChecks.atLeast("--beam", beam, 1);
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
        for (int c : clients) {
            ServeLoad.Result r = load.run(c, Duration.ofSeconds(seconds));
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
}
