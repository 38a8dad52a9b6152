package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;

class QuantizeCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAQuantizedModelThatKeepsTheShortlistAndTranslates() throws Exception {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        Path corpus = dir.resolve("train.csv");
        Files.write(corpus, TinyModel.classPathResource("/tiny-model/train.de-en.csv"));
        Path listed = dir.resolve("listed");
        assertEquals(0, CliRun.of("shortlist", tiny.toString(), corpus.toString(), "-o", listed.toString()).exitCode());
        Path out = dir.resolve("int8");
        CliRun run = CliRun.of("quantize", listed.toString(), "-o", out.toString(), "--min-entries", "100");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("wrote " + java.util.regex.Pattern.quote(out.toString()) + ": "
                + java.util.regex.Pattern.quote(listed.toString()) + " with [\\d,]+ of its [\\d,]+ parameters as 8-bit "
                + "integers \\(.*output_W.*\\); [\\d.]+ MB on disk, was [\\d.]+ MB\\n"), run.out());
        assertTrue(Files.isRegularFile(out.resolve(ModelDirectory.QUANTIZED)));
        assertTrue(Files.isRegularFile(out.resolve(ModelDirectory.SHORTLIST)));
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        try (Translator quantized = Translator.load(out); Translator plain = Translator.load(tiny)) {
            assertTrue(quantized.shortlisted());
            assertEquals(plain.translate(sources), quantized.translate(sources));
        }
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        CliRun exists = CliRun.of("quantize", tiny.toString(), "-o", tiny.toString());
        assertEquals(2, exists.exitCode());
        assertEquals("error: " + tiny + ": exists already (--output wants a new directory)\n", exists.err());
        CliRun zero = CliRun.of("quantize", tiny.toString(), "-o", dir.resolve("out").toString(), "--min-entries", "0");
        assertEquals(2, zero.exitCode());
        assertEquals("error: --min-entries must be at least 1, got 0\n", zero.err());
        CliRun none = CliRun.of("quantize", dir.resolve("none").toString(), "-o", dir.resolve("out").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("error: " + dir.resolve("none")) && none.err().lines().count() == 1, none.err());
    }
}
