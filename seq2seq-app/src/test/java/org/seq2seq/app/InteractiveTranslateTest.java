package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

/**
 * {@code translate} at a terminal: keys as an xterm sends them (arrows, backspace, Ctrl-D) go to a
 * JLine terminal over streams, so editing, history and the last new line are what a person gets.
 */
class InteractiveTranslateTest {
    /** Arrows as an xterm sends them in the keypad mode JLine switches it to. */
    private static final String UP = "\033OA";
    private static final String LEFT = "\033OD";
    private static final String END = "\005";
    private static final String BACKSPACE = "\177";
    private static final String CTRL_D = "\004";

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void copyTheTinyModel() {
        model = TinyModel.copyTo(dir.resolve("tiny"));
    }

    /** What one session printed: translations on standard output, and the terminal's screen. */
    private record Session(int exitCode, List<String> translations, String screen, String err) {
    }

    private static Session type(String keys, Path history) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).type("xterm").size(new Size(80, 24))
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen).build();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Seq2SeqCli.runAtTerminal(new String[] {"translate", model.toString()}, terminal, history,
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Session(code, out.toString().lines().toList(), screen.toString(StandardCharsets.UTF_8),
                err.toString());
    }

    @Test
    void linesAreEditedAndRecalledAndTheSessionEndsOnANewLine() throws IOException {
        Path history = dir.resolve("history");
        // Up recalls the line before; a typo mended with Left, Backspace and End (Ctrl-E); Ctrl-D ends
        Session s = type("Ein Hund läuft.\r" + UP + "\r" + "Eine Katzze" + LEFT + LEFT + BACKSPACE + END
                + " spielt.\r" + CTRL_D, history);
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(List.of("A dog runs.", "A dog runs.", "A cat plays."), s.translations(), s.screen());
        assertTrue(s.screen().contains("Up and Down recall earlier ones"), s.screen());
        String afterLastPrompt = s.screen().substring(s.screen().lastIndexOf("> ") + 2);
        assertTrue(afterLastPrompt.contains("\n"), "a new line after Ctrl-D: " + afterLastPrompt);

        List<String> saved = Files.readAllLines(history, StandardCharsets.UTF_8);
        assertTrue(saved.get(saved.size() - 1).endsWith("Eine Katze spielt."), saved.toString());

        // the next session recalls the last line of the one before (with the arrow a terminal sends
        // that ignores the switch to keypad mode); an empty line ends it too
        Session next = type("\033[A\r\r", history);
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(List.of("A cat plays."), next.translations(), next.screen());
    }
}
