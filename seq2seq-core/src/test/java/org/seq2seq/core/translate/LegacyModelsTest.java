package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seq2seq.core.toy.TinyModel;

/**
 * Models saved by earlier versions load and translate exactly as they did then. The models are
 * checked in ({@code legacy-models/README.md} says which version trained them), and so are their
 * translations, greedy and beam-5 3-best with scores, written by {@link #main} with the version
 * that trained them; this test recomputes them with the current code.
 */
class LegacyModelsTest {
    /** The checked-in models, by their directory on the test class path. */
    static final List<String> MODELS = List.of("/tiny-model/model/", "/legacy-models/bidirectional-stacked/");
    private static final String SOURCES = "/legacy-models/sources.txt";
    private static final String EXPECTED = "/legacy-models/expected.tsv";

    /**
     * How far one output token's log-probability may move, 1e-6; a sentence's score and
     * log-probability may move by that much per token. The texts and their order must be exactly
     * as they were, and that is what catches a change of the computation; the numbers are float
     * arithmetic. A token's log-probability {@code z_y - log Σ exp(z)} is computed in float from
     * logits, through products whose sums OpenBLAS orders by kernel, call and machine: its rounding
     * error is some units of 2^-24 (6e-8) of the logits and the normalizer, not of the result,
     * however close to 0 the result is (a near-certain token's -0.002), and a sentence sums the
     * errors of its tokens. The expected values were written by the version that trained the
     * models, whose products ran through ND4J; the current products call OpenBLAS directly and
     * split across threads. Measured against them: at most 5.5e-7 per token, 2.9e-6 for a whole
     * sentence (of -5.43: 6 float units of it), never a different text.
     */
    private static final double PER_TOKEN = 1e-6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/tiny-model/model/", "/legacy-models/bidirectional-stacked/"})
    void translatesAsTheVersionThatSavedIt(String model) throws IOException {
        List<String> expected = new String(TinyModel.classPathResource(EXPECTED), StandardCharsets.UTF_8)
                .lines().filter(line -> line.startsWith(model + "\t")).toList();
        List<String> actual = translations(model, dir.resolve("model"));
        assertEquals(expected.size(), actual.size(), "lines for " + model);
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split("\t", -1);
            String[] a = actual.get(i).split("\t", -1);
            assertEquals(String.join("\t", List.of(e).subList(0, 5)), String.join("\t", List.of(a).subList(0, 5)),
                    "line " + (i + 1) + " of " + model);
            double tolerance = PER_TOKEN * (Integer.parseInt(a[7]) + 1);          // the tokens and END
            assertEquals(Double.parseDouble(e[5]), Double.parseDouble(a[5]), tolerance, "score, line " + (i + 1));
            assertEquals(Double.parseDouble(e[6]), Double.parseDouble(a[6]), tolerance,
                    "log-probability, line " + (i + 1));
        }
    }

    /**
     * Lines {@code model, search, sentence index, rank, text, score, log-probability, tokens}: each source
     * translated greedily (all in one batch) and with beam 5 (its 3 best).
     */
    static List<String> translations(String model, Path directory) throws IOException {
        TinyModel.copyModel(model, directory);
        List<String> sources = new String(TinyModel.classPathResource(SOURCES), StandardCharsets.UTF_8).lines().toList();
        List<String> lines = new ArrayList<>();
        try (Translator greedy = Translator.load(directory, TranslatorOptions.defaults().withBeamSize(1))) {
            List<Translation> best = greedy.translateWithScores(sources);
            for (int i = 0; i < best.size(); i++) {
                lines.add(line(model, "greedy", i, 0, best.get(i)));
            }
        }
        try (Translator beam = Translator.load(directory, TranslatorOptions.defaults().withBeamSize(5))) {
            for (int i = 0; i < sources.size(); i++) {
                List<Translation> nBest = beam.translateNBest(sources.get(i), 3);
                for (int k = 0; k < nBest.size(); k++) {
                    lines.add(line(model, "beam5", i, k, nBest.get(k)));
                }
            }
        }
        return lines;
    }

    private static String line(String model, String search, int sentence, int rank, Translation t) {
        return String.join("\t", model, search, Integer.toString(sentence), Integer.toString(rank), t.text(),
                Double.toString(t.score()), Double.toString(t.logProbability()), Integer.toString(t.tokens().size()));
    }

    /** Writes {@code expected.tsv} to the path given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("legacy-models");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < MODELS.size(); i++) {
            all.addAll(translations(MODELS.get(i), work.resolve("m" + i)));
        }
        Files.write(Path.of(args[0]), all, StandardCharsets.UTF_8);
    }
}
