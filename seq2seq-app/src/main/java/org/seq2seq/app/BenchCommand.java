package org.seq2seq.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.seq2seq.bench.BenchSetting;
import org.seq2seq.bench.DecodeBenchmark;
import org.seq2seq.bench.PeerBenchmark;
import org.seq2seq.bench.ProcessStats;
import org.seq2seq.bench.TrainingBenchmark;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.runtime.SystemOpenBlas;
import org.seq2seq.decoder.search.SearchOptions;
import org.seq2seq.nn.runtime.Compute;
import org.seq2seq.nn.runtime.RangeExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq bench}: training throughput at settings (a) and (b) on synthetic batches,
 * decoding throughput with a random setting-(a) model, peak memory and threads; one table, or
 * JSON. The PyTorch peer's {@code train-bench} and {@code decode-bench} modes measure the same.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Measure training and decoding speed on synthetic data (the PyTorch peer's settings).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ComputeOptions computeOptions = new ComputeOptions();

    @Option(names = "--settings", split = ",", description = "Training settings to measure: a, b.")
    List<String> settings = new ArrayList<>(List.of("a", "b"));

    @Option(names = "--warmup", description = "Our untimed training steps first, per setting: the JIT compiler works "
            + "through a run's first seconds, and a training run takes hours. Default: 20 for a, 1500 for b (about "
            + "20 s each).")
    Integer warmup;

    @Option(names = "--steps", description = "Timed training steps per setting, on both sides. Default: 20 for a, "
            + "200 for b (several seconds each).")
    Integer steps;

    @Option(names = "--sentences", description = "Source sentences decoded (0: no decoding benchmark).")
    int sentences = 200;

    @Option(names = "--src-len", description = "Length of the decoded source sentences.")
    int sourceLength = 15;

    @Option(names = "--decode-batch", description = "Sentences decoded together.")
    int decodeBatch = 50;

    @Option(names = "--beam", description = "Beam size.")
    int beam = SearchOptions.DEFAULT_BEAM;

    @Option(names = "--seed", description = "Seed of the random models and data.")
    long seed = 1;

    @Option(names = "--rounds", description = "Times to run ours and then the peer, one after the other; the table "
            + "gives each row's median and each round's ratio. On a shared machine whose speed drifts from minute "
            + "to minute, 3 or more.")
    int rounds = 1;

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Option(names = "--peer", paramLabel = "FILE", description = "The PyTorch peer, run after ours with the same "
            + "settings when it is there and its Python has PyTorch; the ratios are printed side by side. "
            + "Default: ../shared/peers/torch_seq2seq.py.")
    Path peer;

    @Option(names = "--no-peer", description = "Do not run the PyTorch peer.")
    boolean noPeer;

    @Option(names = "--peer-python", paramLabel = "FILE", description = "The Python that runs the peer.")
    Path peerPython = Path.of("/usr/bin/python3");

    @Option(names = "--peer-threads", split = ",", paramLabel = "N", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The peer's thread counts to try; each row takes the peer's fastest. Default: 1,2.")
    List<Integer> peerThreads = new ArrayList<>(List.of(1, 2));

    /** The timed steps of a setting: {@code --steps}, or the setting's own. */
    private int steps(BenchSetting s) {
        return steps != null ? steps : s.timedSteps();
    }

    /** Our warm-up steps of a setting: {@code --warmup}, or the setting's own. */
    private int warmup(BenchSetting s) {
        return warmup != null ? warmup : s.warmupSteps();
    }

    static final Path DEFAULT_PEER = Path.of("..", "shared", "peers", "torch_seq2seq.py");

    @Override
    public Integer call() throws IOException {
        if ((warmup != null && warmup < 0) || (steps != null && steps < 1) || sentences < 0 || sourceLength < 1 || decodeBatch < 1
                || beam < 2 || rounds < 1) {
            throw new IllegalArgumentException("--steps, --src-len, --decode-batch and --rounds must be at least 1, "
                    + "--beam at least 2, --warmup and --sentences 0 or more");
        }
        if (peerThreads.isEmpty() || peerThreads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("--peer-threads must be counts of at least 1, got " + peerThreads);
        }
        if (peer != null && noPeer) {
            throw new IllegalArgumentException("--peer and --no-peer contradict each other");
        }
        List<BenchSetting> chosen = settings.stream().map(BenchSetting::named).toList();
        PeerBenchmark peerRun = noPeer ? null : new PeerBenchmark(peerPython, peer == null ? DEFAULT_PEER : peer,
                peerThreads.get(0));
        String peerMissing = peerRun == null ? "--no-peer" : peerRun.unavailableBecause();
        if (peer != null && !peerMissing.isEmpty()) {
            throw new IllegalArgumentException("--peer: " + peerMissing);       // asked for by name: an error
        }
        List<Round> rounds = new ArrayList<>();
        double firstTrainingPeak = Double.NaN;     // this process's peak once the first setting has trained
        Compute compute = computeOptions.compute();
        try (RangeExecutor executor = compute.newExecutor("seq2seq-bench"); RangeExecutor.Binding bound = executor.bind()) {
        for (int r = 0; r < this.rounds; r++) {
            List<TrainingBenchmark.Result> training = new ArrayList<>();
            for (BenchSetting s : chosen) {
                training.add(TrainingBenchmark.run(s, warmup(s), steps(s), seed));
                if (Double.isNaN(firstTrainingPeak)) {
                    firstTrainingPeak = ProcessStats.peakResidentMegabytes();
                }
            }
            List<DecodeBenchmark.Result> decoding = List.of();
            if (sentences > 0) {
                Seq2SeqModel model = DecodeBenchmark.randomModel(BenchSetting.A, seed);
                decoding = DecodeBenchmark.run(model, DecodeBenchmark.randomSentences(model.sourceVocabulary(),
                        sentences, sourceLength, seed), decodeBatch, beam, compute);
            }
            rounds.add(peerMissing.isEmpty() ? peerRound(training, decoding, chosen, peerRun)
                    : new Round(training, decoding, List.of(), List.of()));
        }
        }
        double peakMegabytes = ProcessStats.peakResidentMegabytes();
        Round first = rounds.get(0);
        List<TrainingBenchmark.Result> training = first.training();
        List<DecodeBenchmark.Result> decoding = first.decoding();
        List<PeerBenchmark.Training> peerTraining = first.peerTraining();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("training", training);
            result.put("decoding", decoding);
            if (rounds.size() > 1) {
                result.put("rounds", rounds);
            }
            result.put("decodeSentences", sentences);
            result.put("decodeSourceLength", sourceLength);
            result.put("decodeBatch", decodeBatch);
            result.put("peakResidentMegabytes", peakMegabytes);
            result.put("peakResidentMegabytesAfterFirstSetting", firstTrainingPeak);
            if (peerMissing.isEmpty()) {
                result.put("peerTraining", peerTraining);
                result.put("peerDecoding", first.peerDecoding());
            } else {
                result.put("peerNotRun", peerMissing);
            }
            result.put("nativeThreads", ProcessStats.nativeThreads());
            result.put("threads", compute.threads());
            result.put("availableProcessors", Runtime.getRuntime().availableProcessors());
            result.put("openblasCoreType", System.getenv("OPENBLAS_CORETYPE"));
            result.put("openblas", openBlas());
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return 0;
        }
        for (int r = 0; r < rounds.size(); r++) {
            printOurs(out, rounds.get(r), rounds.size() > 1 ? " round " + (r + 1) + " of " + rounds.size() + "," : "");
        }
        String coreType = System.getenv("OPENBLAS_CORETYPE");     // forces OpenBLAS's kernels, on both sides
        out.printf("peak resident memory %.0f MB; %d native (OpenMP) threads; our threads: %d; %d processors%s; "
                + "OpenBLAS: %s%n", peakMegabytes, ProcessStats.nativeThreads(), compute.threads(),
                Runtime.getRuntime().availableProcessors(),
                coreType == null || coreType.isBlank() ? "" : "; OPENBLAS_CORETYPE=" + coreType, openBlas());
        if (!peerMissing.isEmpty()) {
            out.println("PyTorch peer not run: " + peerMissing);
            return 0;
        }
        out.printf("side by side with the PyTorch peer (%s, each row at its fastest of %s threads; ours: %d native "
                + "thread(s), BLAS as above, our threads %d)%s%n", peerRun.script(), peerThreads,
                ProcessStats.nativeThreads(), compute.threads(),
                rounds.size() > 1 ? "; " + rounds.size() + " rounds, ours then the peer in each: the medians, and "
                        + "each round's ratio" : "");
        out.println("work                      ours        peer  peer threads  ours / peer (speed; above 1: we are faster)");
        for (int i = 0; i < training.size(); i++) {
            int row = i;
            double[] ours = rounds.stream().mapToDouble(r -> r.training().get(row).secondsPerStep()).toArray();
            double[] theirs = rounds.stream().mapToDouble(r -> r.peerTraining().get(row).secondsPerStep()).toArray();
            double[] ratios = rounds.stream().mapToDouble(r -> r.peerTraining().get(row).secondsPerStep()
                    / r.training().get(row).secondsPerStep()).toArray();
            out.printf("%-22s  %8.4f  %10.4f  %12d  %6.2f%s%n", "training (" + training.get(i).setting().name()
                    + "), s/step", median(ours), median(theirs), peerTraining.get(i).threads(), median(ratios),
                    eachRound(ratios));
        }
        for (int i = 0; i < decoding.size(); i++) {
            int row = i;
            double[] ours = rounds.stream().mapToDouble(r -> r.decoding().get(row).sentencesPerSecond()).toArray();
            double[] theirs = rounds.stream().mapToDouble(r -> r.peerDecoding().get(row).sentencesPerSecond())
                    .toArray();
            double[] ratios = rounds.stream().mapToDouble(r -> r.decoding().get(row).sentencesPerSecond()
                    / r.peerDecoding().get(row).sentencesPerSecond()).toArray();
            out.printf("%-22s  %8.2f  %10.2f  %12d  %6.2f%s%n", decoding.get(i).search() + ", sentences/s",
                    median(ours), median(theirs), first.peerDecoding().get(i).threads(), median(ratios),
                    eachRound(ratios));
        }
        if (!training.isEmpty()) {
            // Like against like: the peer trains each setting in a process of its own, and this process's
            // peak is that of the first setting only until the next one starts.
            double peerPeak = peerTraining.get(0).peakMegabytes();
            out.printf("%-22s  %8.0f  %10.0f  %12s  %6.2f (memory: ours / peer; training (%s) alone)%n",
                    "peak memory, MB", firstTrainingPeak, peerPeak, "", firstTrainingPeak / peerPeak,
                    training.get(0).setting().name());
        }
        return 0;
    }

    /**
     * One round: ours, then the peer at each of its thread counts (each row at its fastest).
     *
     * @param peerTraining empty when the peer was not run; likewise peerDecoding
     */
    record Round(List<TrainingBenchmark.Result> training, List<DecodeBenchmark.Result> decoding,
                 List<PeerBenchmark.Training> peerTraining, List<PeerBenchmark.Decoding> peerDecoding) {
    }

    private Round peerRound(List<TrainingBenchmark.Result> training, List<DecodeBenchmark.Result> decoding,
                            List<BenchSetting> chosen, PeerBenchmark peerRun) throws IOException {
        List<PeerBenchmark.Training> peerTraining = new ArrayList<>();
        for (BenchSetting s : chosen) {
            PeerBenchmark.Training best = null;
            for (int t : peerThreads) {
                PeerBenchmark.Training r = peerRun.withThreads(t).train(s, steps(s));
                best = best == null || r.secondsPerStep() < best.secondsPerStep() ? r : best;
            }
            peerTraining.add(best);
        }
        List<PeerBenchmark.Decoding> best = List.of();
        if (sentences > 0) {
            for (int t : peerThreads) {
                List<PeerBenchmark.Decoding> r = peerRun.withThreads(t).decode(sentences, sourceLength, decodeBatch,
                        beam);
                if (best.isEmpty()) {
                    best = new ArrayList<>(r);
                } else {
                    for (int i = 0; i < r.size(); i++) {
                        if (r.get(i).sentencesPerSecond() > best.get(i).sentencesPerSecond()) {
                            best.set(i, r.get(i));
                        }
                    }
                }
            }
        }
        return new Round(training, decoding, peerTraining, best);
    }

    private void printOurs(PrintWriter out, Round round, String which) {
        String timed = round.training().stream().map(r -> r.setting().name() + " " + warmup(r.setting()) + " + "
                        + r.steps()).collect(Collectors.joining(", "));
        out.printf("training (%sour warm-up + timed steps: %s; Adam, clipping 1.0)%n", which.isEmpty() ? ""
                : which.strip() + " ", timed);
        out.println("setting  vocab src/tgt  emb/hidden  batch  len src/tgt  params      s/step  target tok/s  "
                + "source tok/s  last loss  BLAS threads");
        for (TrainingBenchmark.Result r : round.training()) {
            BenchSetting s = r.setting();
            out.printf("%-7s  %5d/%-5d    %4d/%-4d   %5d  %3d/%-3d     %-10d %7.4f  %12.1f  %12.1f  %9.4f  %12d%n",
                    s.name(), s.sourceVocabulary(), s.targetVocabulary(), s.embedding(), s.hidden(), s.batch(),
                    s.sourceLength(), s.targetLength(), r.parameters(), r.secondsPerStep(), r.targetTokensPerSecond(),
                    r.sourceTokensPerSecond(), r.finalLoss(), r.blasThreads());
        }
        if (!round.decoding().isEmpty()) {
            out.printf("decoding (random setting-a model, %d sentences of %d tokens, batches of %d, max length %d; "
                            + "ours timed after %d s of untimed passes)%n",
                    sentences, sourceLength, decodeBatch, 2 * sourceLength + 10, DecodeBenchmark.WARMUP_SECONDS);
            out.println("search   sentences/s  output tok/s  mean out len  seconds  BLAS threads");
            for (DecodeBenchmark.Result r : round.decoding()) {
                out.printf("%-7s  %11.2f  %12.1f  %12.1f  %7.2f  %12d%n", r.search(), r.sentencesPerSecond(),
                        r.tokensPerSecond(), r.meanOutputLength(), r.seconds(), r.blasThreads());
            }
        }
    }

    /** The median: the middle value, or the mean of the two middle ones. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Each round's ratio, when there are several. */
    private static String eachRound(double[] ratios) {
        if (ratios.length < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder("  (rounds:");
        for (double r : ratios) {
            b.append(String.format(" %.2f", r));
        }
        return b.append(')').toString();
    }

    /** Which OpenBLAS ours ran on: the machine's (its path) or the one bundled with ND4J. */
    private static String openBlas() {
        return SystemOpenBlas.chosen().map(p -> "the machine's " + p)
                .orElse("bundled with ND4J (" + SystemOpenBlas.VARIABLE + "=system for the machine's)");
    }
}
