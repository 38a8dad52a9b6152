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
import org.seq2seq.core.toy.LongReversal;
import org.seq2seq.core.toy.TrainedReversal;
import org.seq2seq.decoder.attention.Attention;

class TranslateCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void saveTheToyModel() throws IOException {
        model = dir.resolve("reversal");
        ModelDirectory.save(TrainedReversal.model(), model);
    }

    /** 1,000 held-out-style lines: s-symbols, 3 to 8 of them. */
    private static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        java.util.Random random = new java.util.Random(99);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            int length = 3 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                s.append(j == 0 ? "" : " ").append('s').append(random.nextInt(10));
            }
            lines.add(s.toString());
        }
        return lines;
    }

    @Test
    void translatesArguments() {
        CliRun run = CliRun.of("translate", model.toString(), "s0 s1 s2", "s5 s4 s3 s9");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("s2 s1 s0", "s9 s3 s4 s5"), run.out().lines().toList());
    }

    @Test
    void writesNBestListsInMosesFormat() {
        CliRun run = CliRun.of("translate", model.toString(), "--n-best", "3", "s1 s2 s3", "s4 s5 s6");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        assertTrue(lines.get(0).matches("0 \\|\\|\\| s3 s2 s1 \\|\\|\\| -\\d+\\.\\d{4}"), lines.get(0));
        assertTrue(lines.get(3).startsWith("1 ||| s6 s5 s4 ||| "), lines.get(3));
        double first = Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
        double second = Double.parseDouble(lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));
        assertTrue(first >= second, "best first: " + lines);
    }

    @Test
    void translatesAFileIntoAFileKeepingEmptyLines() throws IOException {
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("s0 s1 s2", "", "s3 s3 s4"));
        Path output = dir.resolve("out.txt");
        CliRun run = CliRun.of("translate", model.toString(), "-i", input.toString(), "-o", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("s2 s1 s0", "", "s4 s3 s3"), Files.readAllLines(output));
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
        List<String> lines = lines(1000);
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
        int exact = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> reversed = new ArrayList<>(List.of(lines.get(i).split(" ")));
            java.util.Collections.reverse(reversed);
            exact += String.join(" ", reversed).equals(translated.get(i)) ? 1 : 0;
        }
        assertTrue(exact >= 950, "exact reversals: " + exact + " of 1000");
    }

    @Test
    void writesWhatAModelWithAttentionAttendedToAsPictureAndJson() throws IOException {
        Path attentive = dir.resolve("long-reversal");
        ModelDirectory.save(LongReversal.model(Attention.DOT), attentive);
        String sentence = "s3 s1 s4 s1 s5 s9 s2 s6 s5 s3 s5 s8 s9 s7 s9 s3 s2 s3";         // 18 symbols
        Path pictures = dir.resolve("attention");
        CliRun run = CliRun.of("translate", attentive.toString(), "--attention-out", pictures.toString(), sentence);
        assertEquals(0, run.exitCode(), run.err());

        JsonNode map = new ObjectMapper().readTree(pictures.resolve("attention-1.json").toFile());
        assertEquals(run.out().strip(), map.get("translation").asText());
        assertEquals(List.of(sentence.split(" ")), words(map.get("source")));
        List<String> target = words(map.get("target"));
        JsonNode weights = map.get("weights");
        assertEquals(target.size(), weights.size());
        int n = 18;
        int mirrored = 0;
        int previousArgmax = n;
        int descending = 0;
        for (int t = 0; t < weights.size(); t++) {
            double sum = 0;
            int argmax = 0;
            for (int s = 0; s < n; s++) {
                double w = weights.get(t).get(s).asDouble();
                sum += w;
                argmax = w > weights.get(t).get(argmax).asDouble() ? s : argmax;
            }
            assertEquals(1.0, sum, 1e-5, "row " + t);
            // Writing token t (= source token n-1-t), the decoder looks at the mirrored position or its
            // right neighbour, whose state still holds it (seen: n-t for most rows of this model).
            mirrored += t < n && Math.abs(argmax - (n - 1 - t)) <= 1 && argmax >= n - 1 - t ? 1 : 0;
            descending += argmax < previousArgmax ? 1 : 0;
            previousArgmax = argmax;
        }
        assertTrue(mirrored >= 0.8 * n, "rows looking at the mirrored position or its neighbour: " + mirrored);
        assertTrue(descending >= 0.8 * weights.size(), "rows looking further left than the row before: " + descending);

        BufferedImage picture = ImageIO.read(pictures.resolve("attention-1.png").toFile());
        assertTrue(picture.getWidth() > 18 * 20 && picture.getHeight() > target.size() * 20,
                picture.getWidth() + " x " + picture.getHeight());
    }

    @Test
    void refusesToShowAttentionOfAModelWithout() {
        CliRun run = CliRun.of("translate", model.toString(), "--attention-out", dir.resolve("none").toString(), "s1 s2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("was trained without attention"), run.err());
    }

    private static List<String> words(JsonNode array) {
        List<String> words = new ArrayList<>();
        array.forEach(node -> words.add(node.asText()));
        return words;
    }
}
