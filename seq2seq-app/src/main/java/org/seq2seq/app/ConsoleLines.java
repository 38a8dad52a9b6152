package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines typed at a terminal, with line editing (arrows, Home/End, Ctrl-A/E/K/W, …) and a history
 * that Up/Down and Ctrl-R search, kept in a file between sessions. The end of input (Ctrl-D on
 * an empty line, or Ctrl-C) moves the cursor to a new line, so the shell's prompt starts on its own.
 */
final class ConsoleLines implements AutoCloseable {
    /** Lines kept in the history file. */
    private static final int HISTORY_LINES = 1000;

    private final Terminal terminal;
    private final LineReader reader;

    ConsoleLines(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("seq2seq")
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)   // '!' is text, not a history event
                .build();
        // JLine switches the terminal to application cursor keys (ESC O A); bind the normal-mode
        // sequences (ESC [ A) too, for terminals that ignore the switch
        KeyMap<Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
        keys.bind(new Reference(LineReader.UP_LINE_OR_HISTORY), "\033[A");
        keys.bind(new Reference(LineReader.DOWN_LINE_OR_HISTORY), "\033[B");
        keys.bind(new Reference(LineReader.FORWARD_CHAR), "\033[C");
        keys.bind(new Reference(LineReader.BACKWARD_CHAR), "\033[D");
        keys.bind(new Reference(LineReader.BEGINNING_OF_LINE), "\033[H");
        keys.bind(new Reference(LineReader.END_OF_LINE), "\033[F");
    }

    /** The process's terminal. */
    static ConsoleLines system(Path historyFile) throws IOException {
        return new ConsoleLines(TerminalBuilder.builder().system(true).build(), historyFile);
    }

    /** Where the prompt and messages go: the terminal itself. */
    PrintWriter writer() {
        return terminal.writer();
    }

    /**
     * Shows {@code prompt} and reads one edited line.
     *
     * @return the line, or null at the end of input (Ctrl-D, Ctrl-C), after a new line on the terminal
     */
    String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException end) {
            terminal.writer().println();
            terminal.writer().flush();
            return null;
        }
    }

    /** Saves the history and gives the terminal back. */
    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
