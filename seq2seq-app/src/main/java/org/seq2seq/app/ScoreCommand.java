package org.seq2seq.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seq2seq.evaluation.metrics.Bleu;
import org.seq2seq.evaluation.metrics.BleuScore;
import org.seq2seq.evaluation.metrics.BleuTokenizer;
import org.seq2seq.evaluation.metrics.ChrF;
import org.seq2seq.evaluation.metrics.PythonFloat;
import org.seq2seq.evaluation.metrics.Smoothing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq score}: BLEU and chrF of a hypothesis file against reference files, as
 * {@code sacrebleu REF... -i HYP} computes them.
 */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Score hypotheses against references with sacreBLEU-exact BLEU and chrF.")
final class ScoreCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REFERENCE", arity = "1..*", description = "Reference files, one line per segment.")
    List<Path> references;

    @Option(names = {"-i", "--input"}, paramLabel = "HYPOTHESES",
            description = "Hypotheses, one line per segment; - or absent: standard input.")
    String input;

    @Option(names = {"-tok", "--tokenize"}, description = "BLEU tokenizer: 13a, intl, zh or none.")
    String tokenize = "13a";

    @Option(names = {"-lc", "--lowercase"}, description = "Lowercase before BLEU.")
    boolean lowercase;

    @Option(names = {"-s", "--smooth"}, description = "BLEU smoothing: exp, floor, add-k or none.")
    String smooth = "exp";

    @Option(names = "--smooth-value", description = "floor's epsilon (default 0.1) or add-k's k (default 1).")
    Double smoothValue;

    @Option(names = {"-m", "--metrics"}, split = ",", description = "bleu, chrf or both.")
    List<String> metrics = List.of("bleu", "chrf");

    @Option(names = {"-sl", "--sentence-level"}, description = "Score every line on its own (sentence BLEU with "
            + "effective order).")
    boolean sentenceLevel;

    @Option(names = "--json", description = "Print JSON: the metric results with all their fields.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        for (String metric : metrics) {
            if (!metric.equals("bleu") && !metric.equals("chrf")) {
                throw new IllegalArgumentException("unknown metric '" + metric + "' (known: bleu, chrf)");
            }
        }
        Bleu bleu = new Bleu(BleuTokenizer.of(tokenize), lowercase,
                Smoothing.of(smooth, smoothValue == null ? Double.NaN : smoothValue), sentenceLevel);
        List<String> hypotheses = input == null || input.equals("-") ? readStandardInput() : read(Path.of(input));
        List<List<String>> streams = new ArrayList<>();
        for (Path reference : references) {
            List<String> lines = read(reference);
            if (lines.size() != hypotheses.size()) {
                throw new IllegalArgumentException(String.format("%s has %d lines but %s has %d",
                        input == null || input.equals("-") ? "standard input" : input, hypotheses.size(), reference,
                        lines.size()));
            }
            streams.add(lines);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!sentenceLevel) {
            print(out, bleu, hypotheses, streams);
            return 0;
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            List<List<String>> one = new ArrayList<>();
            for (List<String> stream : streams) {
                one.add(List.of(stream.get(i)));
            }
            print(out, bleu, List.of(hypotheses.get(i)), one);
        }
        return 0;
    }

    private void print(PrintWriter out, Bleu bleu, List<String> hypotheses, List<List<String>> streams)
            throws IOException {
        Map<String, Object> results = new LinkedHashMap<>();
        BleuScore b = metrics.contains("bleu") ? bleu.corpusScore(hypotheses, streams) : null;
        ChrF.Score c = metrics.contains("chrf") ? ChrF.corpusScore(hypotheses, streams) : null;
        if (json) {
            if (b != null) {
                results.put("bleu", b);
            }
            if (c != null) {
                results.put("chrf", c);
            }
            out.println(new ObjectMapper().writeValueAsString(results));
            return;
        }
        if (b != null) {
            out.println(b.format() + "  " + b.signature());
        }
        if (c != null) {
            out.println("chrF2 = " + PythonFloat.fixed(c.score(), 2) + "  " + c.signature());
        }
    }

    private static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static List<String> readStandardInput() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }
}
