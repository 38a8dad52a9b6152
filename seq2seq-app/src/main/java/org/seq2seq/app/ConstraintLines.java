package org.seq2seq.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seq2seq.core.translate.Translator;

/**
 * The file of {@code translate --constraints}: line N holds the target phrases sentence N's
 * translation must contain, separated by tabs (an empty line: none). Read line by line beside
 * the input, so that memory does not grow with the file.
 */
final class ConstraintLines implements AutoCloseable {
    private final Path file;
    private final Utf8Lines lines;
    private long read;

    private ConstraintLines(Path file) throws IOException {
        this.file = file;
        this.lines = new Utf8Lines(Files.newInputStream(file), file.toString());
    }

    /**
     * Opens {@code file} (a readable file) after reading it once through, checking that every phrase can be
     * written by the translator's model, so that a phrase that cannot is one line naming the
     * file and line before anything is translated.
     */
    static ConstraintLines open(Path file, Translator translator) throws IOException {
        try (Utf8Lines check = new Utf8Lines(Files.newInputStream(file), file.toString())) {
            long number = 0;
            String line;
            while ((line = check.readLine()) != null) {
                number++;
                for (String phrase : phrases(line)) {
                    try {
                        translator.constraintTokens(phrase);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage());
                    }
                }
            }
        }
        return new ConstraintLines(file);
    }

    /** The phrases of one line: tab-separated, each stripped, empty ones left out. */
    static List<String> phrases(String line) {
        return Arrays.stream(line.split("\t")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * The phrases of the next {@code n} sentences.
     *
     * @throws IllegalArgumentException when the file ends first
     */
    List<List<String>> next(int n) throws IOException {
        List<List<String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String line = lines.readLine();
            if (line == null) {
                throw new IllegalArgumentException(file + " has " + read + " lines, fewer than the sentences to "
                        + "translate (--constraints: a line for each sentence, empty for none)");
            }
            read++;
            out.add(phrases(line));
        }
        return out;
    }

    /** The file's line for sentence {@code index} of the input, from 0, as an error names it. */
    String where(long index) {
        return file + " line " + (index + 1);
    }

    /**
     * @throws IllegalArgumentException when the file has lines left: it was written for another input
     */
    void requireEnd() throws IOException {
        if (lines.readLine() != null) {
            throw new IllegalArgumentException(file + " has more lines than the " + read + " sentences translated "
                    + "(--constraints: a line for each sentence)");
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
