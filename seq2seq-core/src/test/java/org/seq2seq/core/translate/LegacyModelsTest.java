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
            // Scores are sums of float log-probabilities over a sentence: a matrix product that sums
            // in another order (another BLAS kernel or call, another machine) moves them by a few
            // float roundings, 1.03e-6 measured when products began to call OpenBLAS directly;
            // 1e-5 allows that and still catches any change of the computation itself.
            assertEquals(Double.parseDouble(e[5]), Double.parseDouble(a[5]), 1e-5, "score, line " + (i + 1));
            assertEquals(Double.parseDouble(e[6]), Double.parseDouble(a[6]), 1e-5, "log-probability, line " + (i + 1));
        }
    }

    /**
     * Lines {@code model, search, sentence index, rank, text, score, log-probability}: each source
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
                Double.toString(t.score()), Double.toString(t.logProbability()));
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
