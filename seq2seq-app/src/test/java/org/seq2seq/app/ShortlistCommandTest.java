package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;

class ShortlistCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheModelWithAShortlistThatTranslatesAsTheModelDoes() throws Exception {
        Path run = dir.resolve("run");
        Path checkpoint = TinyModel.copyTo(run.resolve("checkpoints/step-00000420"));
        Files.writeString(run.resolve("best.txt"), "step-00000420\n");
        Path corpus = dir.resolve("train.csv");
        Files.write(corpus, TinyModel.classPathResource("/tiny-model/train.de-en.csv"));
        Path out = dir.resolve("listed");
        CliRun cli = CliRun.of("shortlist", run.toString(), corpus.toString(), "-o", out.toString(), "--frequent", "2",
                "--per-token", "3");
        assertEquals(0, cli.exitCode(), cli.err());
        var tiny = ModelDirectory.load(checkpoint, false).model();
        assertEquals("wrote " + out + ": " + checkpoint + " with Shortlist[2 frequent, up to 3 per source token of "
                + tiny.sourceVocabulary().size() + ", target vocabulary " + tiny.targetVocabulary().size() + "]\n",
                cli.out());
        assertTrue(Files.isRegularFile(out.resolve(ModelDirectory.SHORTLIST)));
        assertFalse(Files.exists(out.resolve("training-state.json")), "a checkpoint's training state is not copied");
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        try (Translator listed = Translator.load(out); Translator plain = Translator.load(checkpoint,
                TranslatorOptions.defaults())) {
            assertTrue(listed.shortlisted());
            assertEquals(plain.translate(sources), listed.translate(sources));
        }
        Path input = dir.resolve("german.txt");
        Files.write(input, sources);
        for (String shortlist : new String[] {"--no-shortlist", "--beam=5"}) {
            Path hypotheses = dir.resolve("hyp" + shortlist + ".txt");
            CliRun translate = CliRun.of("translate", out.toString(), shortlist, "-i", input.toString(), "-o",
                    hypotheses.toString());
            assertEquals(0, translate.exitCode(), translate.err());
            try (Translator plain = Translator.load(checkpoint)) {
                assertEquals(plain.translate(sources), Files.readAllLines(hypotheses), shortlist);
            }
        }
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        Path corpus = dir.resolve("train.csv");
        Files.write(corpus, TinyModel.classPathResource("/tiny-model/train.de-en.csv"));
        CliRun exists = CliRun.of("shortlist", model.toString(), corpus.toString(), "-o", model.toString());
        assertEquals(2, exists.exitCode());
        assertEquals("error: " + model + ": exists already (--output wants a new directory)\n", exists.err());
        CliRun missing = CliRun.of("shortlist", model.toString(), dir.resolve("none.csv").toString(), "-o",
                dir.resolve("out").toString());
        assertEquals("error: " + dir.resolve("none.csv") + ": no such corpus file\n", missing.err());
        CliRun zero = CliRun.of("shortlist", model.toString(), corpus.toString(), "-o", dir.resolve("out").toString(),
                "--per-token", "0");
        assertEquals(2, zero.exitCode());
        assertEquals("error: --per-token must be at least 1, got 0\n", zero.err());
        Files.writeString(dir.resolve("empty.csv"), "source,target\n");
        CliRun empty = CliRun.of("shortlist", model.toString(), dir.resolve("empty.csv").toString(), "-o",
                dir.resolve("out").toString());
        assertEquals(2, empty.exitCode());
        assertEquals("error: " + dir.resolve("empty.csv") + " has no sentence pairs to learn a shortlist from\n",
                empty.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
