package org.seq2seq.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seq2seq.corpora.OutputPaths;

/**
 * Checks of command-line options made before any work: ranges that name the option and the value
 * given, input files that exist, output files that can be written.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** Fails with {@code OPTION must be at least MIN, got VALUE} unless {@code value >= min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** Fails unless {@code file} is a file to read (not missing, not a directory). */
    static void inputFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory, not a file of text");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    /** Fails unless {@code file} can be written: not a directory, in a directory that takes new files. */
    static void outputFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory (" + option + " wants a file)");
        }
        OutputPaths.requireWritableDirectory(file.toAbsolutePath().getParent(), "the directory of " + option);
    }
}
