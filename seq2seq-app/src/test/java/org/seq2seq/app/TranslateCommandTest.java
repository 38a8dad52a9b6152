package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelFactory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;

/** {@code seq2seq translate} with the checked-in tiny German-English model. */
class TranslateCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void copyTheTinyModel() {
        model = TinyModel.copyTo(dir.resolve("tiny"));
    }

    /** {@code n} lines cycling through every sentence the tiny model knows, and their translations. */
    private static List<String[]> pairs(int n) {
        List<String[]> all = new ArrayList<>(TinyModel.trainingPairs());
        all.addAll(TinyModel.validationPairs());
        java.util.Collections.shuffle(all, new java.util.Random(99));
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.get(i % all.size()));
        }
        return out;
    }

    @Test
    void constraintsFromAFileLineByLineAndTermsFromATermList() throws IOException {
        Path input = dir.resolve("constrained.txt");
        Files.writeString(input, "Ein Hund läuft im Park.\nEine Katze schläft im Garten.\nEin Mann sitzt am Strand.\n");
        Path constraints = dir.resolve("constraints.tsv");
        Files.writeString(constraints, "cat\n\nthe snow\tjumps\n");
        Path out = dir.resolve("constrained.out");
        CliRun run = CliRun.of("translate", model.toString(), "-i", input.toString(), "-o", out.toString(),
                "--constraints", constraints.toString(), "--batch-size", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        CliRun plain = CliRun.of("translate", model.toString(), "-i", input.toString());
        List<String> plainLines = plain.out().lines().toList();
        assertTrue(lines.get(0).contains("cat") && !lines.get(0).contains("dog"), lines.get(0));
        assertEquals(plainLines.get(1), lines.get(1), "an empty line: no constraints");
        assertTrue(lines.get(2).contains("the snow") && lines.get(2).contains("jumps"), lines.get(2));

        Path terms = dir.resolve("terms.tsv");
        Files.writeString(terms, "Hund\tcat\n");
        CliRun withTerms = CliRun.of("translate", model.toString(), "-i", input.toString(), "--terminology",
                terms.toString());
        assertEquals(0, withTerms.exitCode(), withTerms.err());
        List<String> termLines = withTerms.out().lines().toList();
        assertTrue(termLines.get(0).contains("cat"), termLines.get(0));
        assertEquals(plainLines.subList(1, 3), termLines.subList(1, 3));

        Files.writeString(constraints, "cat\n\nthe zebra\n");
        CliRun unknown = CliRun.of("translate", model.toString(), "-i", input.toString(), "-o", out.toString(),
                "--constraints", constraints.toString());
        assertEquals(2, unknown.exitCode());
        assertEquals("error: " + constraints + " line 3: the constraint 'the zebra' holds 'zebra', which is not in the "
                + "model's target vocabulary, so no translation can contain it", unknown.err().strip());
        assertEquals(lines, Files.readAllLines(out), "the output file is left as it was");
        Files.writeString(constraints, "cat\n");
        CliRun short1 = CliRun.of("translate", model.toString(), "-i", input.toString(), "--constraints",
                constraints.toString());
        assertEquals(2, short1.exitCode());
        assertTrue(short1.err().contains(constraints + " has 1 lines, fewer than the sentences to translate"),
                short1.err());
        Files.writeString(constraints, "cat\n\n\n\n");
        CliRun long1 = CliRun.of("translate", model.toString(), "-i", input.toString(), "--constraints",
                constraints.toString());
        assertEquals(2, long1.exitCode());
        assertTrue(long1.err().contains(constraints + " has more lines than the 3 sentences translated"), long1.err());
        CliRun greedy = CliRun.of("translate", model.toString(), "-i", input.toString(), "--constraints",
                constraints.toString(), "--beam", "1");
        assertEquals(2, greedy.exitCode());
        assertTrue(greedy.err().contains("--constraints needs beam search"), greedy.err());
        Files.writeString(terms, "Hund\n");
        CliRun badTerms = CliRun.of("translate", model.toString(), "Ein Hund.", "--terminology", terms.toString());
        assertEquals(2, badTerms.exitCode());
        assertEquals("error: " + terms + " line 1: a term line is SOURCE<TAB>TARGET, this one has 1 field",
                badTerms.err().strip());
    }

    @Test
    void translatesArguments() {
        CliRun run = CliRun.of("translate", model.toString(), "Ein Hund läuft im Park.", "Eine Frau sitzt.");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("A dog runs in the park.", "A woman sits."), run.out().lines().toList());
    }

    @Test
    void writesNBestListsInMosesFormat() {
        CliRun run = CliRun.of("translate", model.toString(), "--n-best", "3", "Ein Junge springt.",
                "Ein Mann schläft im Schnee.");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        assertTrue(lines.get(0).matches("0 \\|\\|\\| A boy jumps\\. \\|\\|\\| -\\d+\\.\\d{4}"), lines.get(0));
        assertTrue(lines.get(3).startsWith("1 ||| A man sleeps in the snow. ||| "), lines.get(3));
        double first = Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
        double second = Double.parseDouble(lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));
        assertTrue(first >= second, "best first: " + lines);
    }

    @Test
    void translatesAFileIntoAFileKeepingEmptyLines() throws IOException {
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("Ein Kind wartet.", "", "Eine Katze spielt im Garten."));
        Path output = dir.resolve("out.txt");
        CliRun run = CliRun.of("translate", model.toString(), "-i", input.toString(), "-o", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("A child waits.", "", "A cat plays in the garden."), Files.readAllLines(output));
    }

    @Test
    void aFailedRunLeavesAnExistingOutputFileAsItWas() throws IOException {
        Path input = dir.resolve("bad.txt");
        Files.write(input, new byte[] {'E', 'i', 'n', ' ', (byte) 0xE4, '\n'});     // Latin-1 'ä': not UTF-8
        Path output = Files.writeString(dir.resolve("kept.txt"), "yesterday's translations\n");
        CliRun run = CliRun.of("translate", model.toString(), "-i", input.toString(), "-o", output.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode(), run.err());
        assertEquals("error: " + input + ": line 1 is not UTF-8 (byte 0xE4, byte 5 of the line); save it as UTF-8",
                run.err().strip());
        assertEquals("yesterday's translations\n", Files.readString(output));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no partial file left");
        }
    }

    @Test
    void badBytesOnStandardInputAreAnErrorNotUnknownWords() {
        byte[] good = "Ein Hund wartet.\n".getBytes(StandardCharsets.UTF_8);
        byte[] stdin = java.util.Arrays.copyOf(good, good.length + 2);
        stdin[good.length] = (byte) 0xFF;
        stdin[good.length + 1] = '\n';
        CliRun run = CliRun.withInput(stdin, "translate", model.toString(), "--batch-size", "1");
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode(), run.err());
        assertEquals("A dog waits.", run.out().strip(), "the good line before is translated");
        assertEquals("error: standard input: line 2 is not UTF-8 (byte 0xFF, byte 1 of the line); save it as UTF-8",
                run.err().strip());
    }

    @Test
    void cutsSourcesLongerThanMaxLength() {
        CliRun run = CliRun.of("translate", model.toString(), "--max-length", "3", "Ein Hund läuft im Park.");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("A dog runs.", run.out().strip());        // read as "Ein Hund läuft"
    }

    /** Collects what is written and opens a latch at the first complete line. */
    private static final class FirstLine extends Writer {
        final StringBuffer text = new StringBuffer();
        final CountDownLatch firstLine = new CountDownLatch(1);

        @Override
        public void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
            if (text.indexOf("\n") >= 0) {
                firstLine.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void streamsStandardInputLineByLine() throws Exception {
        List<String[]> pairs = pairs(1000);
        List<String> lines = pairs.stream().map(p -> p[0]).toList();
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
        FirstLine out = new FirstLine();
        StringWriter err = new StringWriter();
        int[] exit = {-1};
        Thread command = new Thread(() -> exit[0] = Seq2SeqCli.run(new String[] {"translate", model.toString()},
                stdin, new PrintWriter(out, true), new PrintWriter(err, true)));
        command.start();

        feed.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        // the input is still open with 999 lines to come: the first translation must appear anyway
        assertTrue(out.firstLine.await(60, TimeUnit.SECONDS), "no output before the input ended; err: " + err);
        assertEquals(1, out.text.toString().lines().count(), "one line in, one translation out: " + out.text);
        for (String line : lines.subList(1, lines.size())) {
            feed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        feed.close();
        command.join(TimeUnit.MINUTES.toMillis(3));

        assertEquals(0, exit[0], err.toString());
        List<String> translated = out.text.toString().lines().toList();
        assertEquals(1000, translated.size());
        assertEquals(pairs.stream().map(p -> p[1]).toList(), translated);
    }

    @Test
    void writesWhatAModelWithAttentionAttendedToAsPictureAndJson() throws IOException {
        Path pictures = dir.resolve("attention");
        CliRun run = CliRun.of("translate", model.toString(), "--attention-out", pictures.toString(),
                "Ein Mädchen spielt am Strand.", "Ein Hund wartet.");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("A girl plays on the beach.", "A dog waits."), run.out().lines().toList());

        JsonNode map = new ObjectMapper().readTree(pictures.resolve("attention-1.json").toFile());
        assertEquals("A girl plays on the beach.", map.get("translation").asText());
        assertEquals(List.of("Ein", "Mädchen", "spielt", "am", "Strand", "."), words(map.get("source")));
        List<String> target = words(map.get("target"));
        assertEquals(List.of("A", "girl", "plays", "on", "the", "beach", ".", "</s>"), target);
        JsonNode weights = map.get("weights");
        assertEquals(target.size(), weights.size());
        for (JsonNode row : weights) {
            assertEquals(6, row.size());
            double sum = 0;
            for (JsonNode w : row) {
                sum += w.asDouble();
            }
            assertEquals(1.0, sum, 1e-5);
        }
        BufferedImage picture = ImageIO.read(pictures.resolve("attention-1.png").toFile());
        assertTrue(picture.getWidth() > 6 * 20 && picture.getHeight() > target.size() * 20,
                picture.getWidth() + " x " + picture.getHeight());
        assertTrue(Files.isRegularFile(pictures.resolve("attention-2.png")));
    }

    /** An untrained model of words "a" and "b" without attention, saved in {@code directory}. */
    private static Path modelWithoutAttention(Path directory) throws IOException {
        Vocabulary words = Vocabulary.ofTokens(List.of("a", "b"));
        ModelDirectory.save(ModelFactory.create(ModelShape.builder().embeddingSize(4).hiddenSize(4)
                .build(), words, words,
                new TokenizerSpec(TokenizerSpec.Kind.WORD, false), new TokenizerSpec(TokenizerSpec.Kind.WORD, false),
                0.001, 1), directory);
        return directory;
    }

    @Test
    void refusesToShowAttentionOfAModelWithout() throws IOException {
        Path plain = modelWithoutAttention(dir.resolve("plain"));
        CliRun run = CliRun.of("translate", plain.toString(), "--attention-out", dir.resolve("none").toString(), "a b");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("was trained without attention"), run.err());
    }

    @Test
    void refusesACoveragePenaltyForAModelWithoutAttentionOrBelowZero() throws IOException {
        Path plain = modelWithoutAttention(dir.resolve("plain-coverage"));
        CliRun run = CliRun.of("translate", plain.toString(), "--coverage-penalty", "0.2", "a b");
        assertEquals(2, run.exitCode());
        assertEquals("error: the coverage penalty needs a model with attention; the model has none\n", run.err());
        CliRun negative = CliRun.of("translate", model.toString(), "--coverage-penalty", "-1", "Ein Hund.");
        assertEquals(2, negative.exitCode());
        assertEquals("error: --coverage-penalty must be 0 or more, got -1.0\n", negative.err());
    }

    private static List<String> words(JsonNode array) {
        List<String> words = new ArrayList<>();
        array.forEach(node -> words.add(node.asText()));
        return words;
    }

    @Test
    void theLengthPenaltyRanksAsAsked() throws Exception {
        String sentence = TinyModel.validationPairs().get(2)[0];
        for (String penalty : List.of("none", "gnmt:0.6", "length:0.5")) {
            CliRun run = CliRun.of("translate", model.toString(), "--n-best", "2", "--length-penalty", penalty,
                    sentence);
            assertEquals(0, run.exitCode(), run.err());
            org.seq2seq.decoder.search.LengthPenalty lp = penalty.equals("none")
                    ? org.seq2seq.decoder.search.LengthPenalty.none()
                    : penalty.startsWith("gnmt") ? org.seq2seq.decoder.search.LengthPenalty.gnmt(0.6)
                    : org.seq2seq.decoder.search.LengthPenalty.power(0.5);
            try (org.seq2seq.core.translate.Translator t = org.seq2seq.core.translate.Translator.load(model,
                    org.seq2seq.core.translate.TranslatorOptions.defaults().withLengthPenalty(lp))) {
                org.seq2seq.core.translate.Translation best = t.translateNBest(sentence, 2).get(0);
                String[] first = run.out().split("\n")[0].split(" \\|\\|\\| ");
                assertEquals(best.text(), first[1]);
                assertEquals(best.score(), Double.parseDouble(first[2]), 1e-4);
                if (penalty.equals("none")) {
                    assertEquals(best.logProbability(), best.score(), 1e-9);
                }
            }
        }
        CliRun bad = CliRun.of("translate", model.toString(), "--length-penalty", "wu:0.6", sentence);
        assertEquals(2, bad.exitCode());
        assertEquals("error: --length-penalty wu:0.6: the kinds are length:ALPHA, gnmt:ALPHA and none\n", bad.err());
    }

    @Test
    void repeatedNgramBlockingReachesTheSearchAndRefusesANegativeN() throws Exception {
        for (String[] pair : TinyModel.validationPairs().subList(0, 4)) {
            CliRun run = CliRun.of("translate", model.toString(), "--no-repeat-ngram", "1", pair[0]);
            assertEquals(0, run.exitCode(), run.err());
            try (org.seq2seq.core.translate.Translator t = org.seq2seq.core.translate.Translator.load(model,
                    org.seq2seq.core.translate.TranslatorOptions.defaults().withNoRepeatNgram(1))) {
                assertEquals(t.translate(pair[0]) + "\n", run.out());
            }
            List<String> tokens = List.of(run.out().strip().split(" "));
            assertEquals(tokens.size(), new java.util.HashSet<>(tokens).size(), "n = 1: no word twice: " + tokens);
        }
        CliRun negative = CliRun.of("translate", model.toString(), "--no-repeat-ngram", "-1", "Ein Hund.");
        assertEquals(2, negative.exitCode());
        assertEquals("error: --no-repeat-ngram must be at least 0, got -1\n", negative.err());
    }

    @Test
    void anEnsembleTranslatesWithSeveralModels() {
        String sentence = TinyModel.validationPairs().get(4)[0];
        CliRun alone = CliRun.of("translate", model.toString(), "--n-best", "2", sentence);
        CliRun twice = CliRun.of("translate", model.toString(), "--ensemble", model.toString(), "--n-best", "2",
                sentence);
        assertEquals(0, twice.exitCode(), twice.err());
        assertEquals(alone.out(), twice.out(), "a model with itself ranks and scores as the model");
        CliRun missing = CliRun.of("translate", model.toString(), "--ensemble", dir.resolve("nope").toString(),
                sentence);
        assertEquals(2, missing.exitCode());
        assertEquals("error: " + dir.resolve("nope") + ": no such model directory (--ensemble)\n", missing.err());
    }
}
