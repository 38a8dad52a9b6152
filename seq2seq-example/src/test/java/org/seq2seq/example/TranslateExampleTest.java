package org.seq2seq.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

class TranslateExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleTranslatesWithTheTinyModel() throws IOException {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TranslateExample.main(new String[] {model.toString()});
        } finally {
            System.setOut(out);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals(List.of("A dog runs in the park.", "A cat sleeps.", "A man waits on the beach."),
                lines.subList(0, 3));
        assertTrue(lines.get(3).endsWith(" A child plays in the snow."), lines.get(3));
    }

    @Test
    void theReadmeShowsTheExamplesCode() throws IOException {
        String example = Files.readString(Path.of("src/main/java/org/seq2seq/example/TranslateExample.java"));
        String code = example.substring(example.indexOf("// README:begin\n") + "// README:begin\n".length(),
                example.indexOf("        // README:end"));
        String shown = code.lines().map(line -> line.startsWith("        ") ? line.substring(8) : line.strip())
                .collect(java.util.stream.Collectors.joining("\n"));      // as written inside main, less 8 spaces
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(shown.startsWith("TranslatorOptions options = TranslatorOptions.defaults().withThreads("), shown);
        assertTrue(readme.contains(shown), "the README should show, verbatim:\n" + shown);
    }
}
