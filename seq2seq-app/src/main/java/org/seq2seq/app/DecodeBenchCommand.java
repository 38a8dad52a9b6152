package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seq2seq.bench.BenchSetting;
import org.seq2seq.bench.DecodeBenchmark;
import org.seq2seq.bench.ProcessStats;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.decoder.search.SearchOptions;
import org.seq2seq.nn.runtime.Compute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq bench-decode}: sentences and output tokens per second of greedy and beam search,
 * through the library API ({@link Translator}), on a trained model and real sentences or, by
 * default, on a randomly initialised model of the benchmark's setting (a) and random sentences,
 * like the PyTorch reference's {@code --mode decode-bench}.
 */
@Command(name = "bench-decode", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Measure decoding throughput (greedy and beam search), each search timed on a pass over the "
                + "sentences after at least " + DecodeBenchmark.WARMUP_SECONDS + " s of untimed passes.")
final class DecodeBenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "A saved model or training run directory; default: a random "
            + "model with vocabularies 8000/8000, embedding 256, hidden 512.")
    Path model;

    @Option(names = "--corpus", description = "Source sentences from this corpus (with --model); default: random "
            + "sentences of --src-len tokens.")
    Path corpus;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Mixin
    ComputeOptions computeOptions = new ComputeOptions();

    @Option(names = "--sentences", description = "Sentences translated per search.")
    int sentences = 200;

    @Option(names = "--src-len", description = "Length of the random source sentences.")
    int sourceLength = 15;

    @Option(names = "--batch-size", description = "Sentences searched together.")
    int batchSize = 50;

    @Option(names = "--beam", description = "Beam size of the beam search.")
    int beam = SearchOptions.DEFAULT_BEAM;

    @Option(names = "--latency", description = "Also time each sentence translated alone (Translator.translate of "
            + "one sentence, beam --beam) and print the median, 90th and 99th percentile.")
    boolean latency;

    @Option(names = "--no-shortlist", description = "Score the whole target vocabulary even when the model has a "
            + "shortlist.")
    boolean noShortlist;

    @Option(names = "--random-shortlist", paramLabel = "FREQUENT,PER_TOKEN", split = ",",
            description = "Give the random model a random shortlist of these sizes (FREQUENT ids for every sentence, "
                    + "PER_TOKEN per source word): the work of a shortlist, not its quality.")
    int[] randomShortlist;

    @Option(names = "--seed", description = "Seed of the random model and sentences.")
    long seed = 1;

    @Override
    public Integer call() throws IOException {
        if (sentences < 1 || sourceLength < 1 || batchSize < 1 || beam < 2) {
            throw new IllegalArgumentException("--sentences, --src-len and --batch-size must be at least 1, "
                    + "--beam at least 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        Compute compute = computeOptions.compute();
        if (randomShortlist != null && (model != null || randomShortlist.length != 2 || randomShortlist[0] < 0
                || randomShortlist[1] < 0)) {
            throw new IllegalArgumentException("--random-shortlist takes FREQUENT,PER_TOKEN (two numbers of 0 or more) "
                    + "and is for the random model only (not with --model)");
        }
        Seq2SeqModel m = model != null ? ModelDirectory.load(Translator.resolve(model), false).model()
                : DecodeBenchmark.randomModel(BenchSetting.A, seed);
        if (randomShortlist != null) {
            m = m.withShortlist(DecodeBenchmark.randomShortlist(BenchSetting.A, randomShortlist[0], randomShortlist[1],
                    seed));
        }
        List<String> input = corpus != null ? corpusSentences()
                : DecodeBenchmark.randomSentences(m.sourceVocabulary(), sentences, sourceLength, seed);
        out.printf("bench-decode: %s%s, %d sentences (mean %.1f words), batches of %d, %s, %d native threads%n",
                model != null ? Translator.resolve(model) : "random model " + m.config(),
                m.shortlist() == null ? "" : noShortlist ? " (its shortlist not used)" : " with " + m.shortlist(),
                input.size(),
                input.stream().mapToInt(s -> s.split(" ").length).average().orElse(0), batchSize, compute,
                ProcessStats.nativeThreads());
        for (DecodeBenchmark.Result r : DecodeBenchmark.run(m, input, batchSize, beam, compute, !noShortlist)) {
            out.printf("%-7s sentences/s %7.2f   output tokens/s %8.1f   mean output length %5.1f   %.2f s%n",
                    r.search(), r.sentencesPerSecond(), r.tokensPerSecond(), r.meanOutputLength(), r.seconds());
            out.flush();
        }
        if (latency) {
            DecodeBenchmark.Latency l = DecodeBenchmark.latency(m, input, beam, compute, !noShortlist);
            out.printf(java.util.Locale.ROOT, "one sentence at a time, beam %d: p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   "
                    + "mean %.1f ms   (%d sentences)%n", l.beam(), 1e3 * l.quantile(0.5), 1e3 * l.quantile(0.9),
                    1e3 * l.quantile(0.99), 1e3 * l.mean(), l.seconds().length);
        }
        return 0;
    }

    private List<String> corpusSentences() throws IOException {
        List<String> out = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(corpus, corpusOptions.format(corpus))) {
            for (SentencePair pair : reader) {
                if (out.size() == sentences) {
                    break;
                }
                out.add(pair.source());
            }
        }
        return out;
    }
}
