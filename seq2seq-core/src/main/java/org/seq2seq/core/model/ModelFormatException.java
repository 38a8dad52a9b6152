package org.seq2seq.core.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory that should hold a saved model does not, or not wholly: the message names the
 * directory and says what is wrong (not a model, incomplete, corrupted, another format version).
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public ModelFormatException(Path directory, String problem) {
        this(directory, problem, null);
    }

    public ModelFormatException(Path directory, String problem, Throwable cause) {
        super(directory + ": " + problem, cause);
        this.directory = directory;
    }

    /** The directory that was read. */
    public Path directory() {
        return directory;
    }
}
