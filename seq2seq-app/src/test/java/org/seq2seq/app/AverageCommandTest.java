package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;

class AverageCommandTest {
    @Test
    void averagesTheLastCheckpointsIntoAModelThatTranslates(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TinyModel.copyTo(run.resolve("checkpoints/step-00000001"));
        TinyModel.copyTo(run.resolve("checkpoints/step-00000002"));
        Path out = dir.resolve("averaged");
        CliRun run2 = CliRun.of("average", "--last", "2", run.toString(), "-o", out.toString());
        assertEquals(0, run2.exitCode(), run2.err());
        assertTrue(run2.out().startsWith("averaged 2 models into " + out), run2.out());
        assertTrue(Files.isRegularFile(out.resolve("averaged.json")));
        assertTrue(Files.readString(out.resolve("config.json")).contains("train.de-en.csv"));
        // the mean of a model and itself translates as the model does
        try (Translator averaged = Translator.load(out); Translator tiny = Translator.load(run.resolve(
                "checkpoints/step-00000001"))) {
            List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
            assertEquals(tiny.translate(sources), averaged.translate(sources));
        }
    }

    @Test
    void badInputIsOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        Path other = TinyModel.copyModel("/legacy-models/bidirectional-stacked/", dir.resolve("other"));
        CliRun mixed = CliRun.of("average", tiny.toString(), other.toString(), "-o", dir.resolve("out").toString());
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.err().startsWith("error: " + other + ": its configuration "), mixed.err());
        assertTrue(mixed.err().endsWith(", so their parameters cannot be averaged\n"), mixed.err());
        CliRun exists = CliRun.of("average", tiny.toString(), tiny.toString(), "-o", other.toString());
        assertEquals("error: " + other + ": exists already (--output wants a new directory)\n", exists.err());
        CliRun few = CliRun.of("average", "--last", "3", dir.toString(), "-o", dir.resolve("out").toString());
        assertEquals("error: " + dir + ": not a training run's directory (it has no checkpoints/)\n", few.err());
        assertEquals(2, few.exitCode());
    }
}
