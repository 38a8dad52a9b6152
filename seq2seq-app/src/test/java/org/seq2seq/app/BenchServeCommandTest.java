package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.bench.ServeLoad;
import org.seq2seq.bench.SoakSample;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.serve.ServeLimits;
import org.seq2seq.serve.ServedModel;
import org.seq2seq.serve.TranslationServer;

class BenchServeCommandTest {
    /** A short soak against a real server: a row a second with the server's own figures, a picture, trends. */
    @Test
    void samplesWriteARowPerIntervalWithTheServersFiguresAndAPicture(@TempDir Path dir) throws Exception {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("valid.csv"));
        try (TranslationServer server = TranslationServer.start(new TranslationServer.Settings("127.0.0.1", 0,
                ServeLimits.defaults(), null))) {
            server.add(ServedModel.load(model.toString(), 32));
            server.ready();
            Path samples = dir.resolve("soak.csv");
            CliRun run = CliRun.of("bench-serve", "--url", "http://127.0.0.1:" + server.port() + "/", "--corpus",
                    corpus.toString(), "--clients", "2", "--seconds", "6", "--warmup", "0", "--interval", "1",
                    "--samples", samples.toString(), "--soak-warmup", "2");
            assertEquals(0, run.exitCode(), run.err() + run.out());
            List<String> lines = Files.readAllLines(samples);
            assertEquals(String.join(",", SoakSample.CSV_HEADER), lines.get(0));
            assertTrue(lines.size() >= 6, lines.toString());
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                assertEquals("2", v[1], line);
                assertTrue(Double.parseDouble(v[8]) > 50, "resident memory: " + line);
                assertTrue(Double.parseDouble(v[9]) > 0, "heap after collections: " + line);
                assertTrue(Double.parseDouble(v[11]) > 5, "threads: " + line);
                assertTrue(Double.parseDouble(v[12]) > 2, "open files: " + line);
                assertTrue(Double.parseDouble(v[3]) <= Double.parseDouble(v[4]), "p50 <= p99: " + line);
                assertTrue(Double.parseDouble(v[13]) >= Double.parseDouble(v[9]), "committed >= after GC: " + line);
            }
            byte[] png = Files.readAllBytes(dir.resolve("soak.png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertTrue(run.out().contains("resident memory, MB") && run.out().contains("fitted slope"), run.out());
        }
    }

    @Test
    void aTrendIsTheLeastSquaresSlopePerHourAfterTheWarmup() {
        List<SoakSample> samples = new ArrayList<>();
        for (int s = 10; s <= 600; s += 10) {
            double rss = s < 100 ? 1000 : 200 + 0.01 * s;             // the warm-up's spike is left out
            samples.add(new SoakSample(8, new ServeLoad.Interval(s, 10, 5, 0, 0, 10, 20),
                    new ServeLoad.ServerFigures(rss, 50, 60, 100, 30, 20)));
        }
        SoakSample.Trend rss = SoakSample.trend(samples, 100, x -> x.server().residentMb());
        assertEquals(36, rss.perHour(), 1e-6);                          // 0.01 MB a second
        assertEquals(201, rss.first(), 1e-9);
        assertEquals(206, rss.last(), 1e-9);
        assertEquals(0, SoakSample.trend(samples, 100, x -> x.server().threads()).perHour(), 1e-9);
    }
}
