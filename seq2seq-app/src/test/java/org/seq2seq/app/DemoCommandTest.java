package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.translate.Translator;

/** The demo, cut to one epoch: bundled data in, examples and BLEU out, a usable model left behind. */
@Tag("slow")
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnTheBundledCorpusShowsTranslationsAndBleuAndLeavesTheModel() throws IOException {
        Path output = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--output", output.toString(), "--epochs", "1", "--examples", "3");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("Example translations (beam 5) of held-out sentences:"), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("  translation: ")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("BLEU on the 389 held-out test sentences: BLEU = \\d+\\.\\d\\d .*")),
                out);

        for (String name : DemoCommand.DATA) {
            assertTrue(Files.size(output.resolve("data").resolve(name)) > 0, name);
        }
        Path model = output.resolve("model");
        assertEquals(2, Files.readAllLines(model.resolve("training.csv")).size());
        assertTrue(Files.size(model.resolve("training.png")) > 1000);
        assertTrue(ModelDirectory.isModel(Translator.resolve(model)));
        assertTrue(Files.isRegularFile(output.resolve("evaluation").resolve("report.json")));

        // a second demo replaces the first; a directory that is not a demo is refused
        Path other = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(other.resolve("thesis.tex"), "precious");
        CliRun refused = CliRun.of("demo", "--output", other.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, refused.exitCode());
        assertTrue(refused.err().contains("exists and is not a demo run"), refused.err());
        assertEquals("precious", Files.readString(other.resolve("thesis.tex")));
    }
}
