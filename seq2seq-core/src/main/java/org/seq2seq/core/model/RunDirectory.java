package org.seq2seq.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a training run keeps its saved models, as far as a reader of models needs to know:
 *
 * <pre>
 * checkpoints/step-00000454/   saved models ({@link ModelDirectory})
 * latest.txt                   name of the newest checkpoint
 * best.txt                     name of the checkpoint with the best validation figure: the model to use
 * </pre>
 *
 * Writing them is training's business ({@code org.seq2seq.core.train.Checkpoints}); reading them
 * is here so that translation does not depend on training.
 */
public final class RunDirectory {
    public static final String CHECKPOINTS = "checkpoints";
    public static final String LATEST = "latest.txt";
    public static final String BEST = "best.txt";

    private final Path directory;

    public RunDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The directory of the checkpoint named {@code name} ({@code step-NNNNNNNN}). */
    public Path checkpoint(String name) {
        return directory.resolve(CHECKPOINTS).resolve(name);
    }

    /** The newest checkpoint's directory. */
    public Optional<Path> latest() throws IOException {
        return pointer(LATEST);
    }

    /** The best checkpoint's directory. */
    public Optional<Path> best() throws IOException {
        return pointer(BEST);
    }

    /**
     * A saved model as it is; a training run's directory as its best (else its latest)
     * checkpoint; anything else as it is, for the loader to explain.
     */
    public static Path modelOf(Path path) throws IOException {
        if (ModelDirectory.isModel(path) || !Files.isDirectory(path)) {
            return path;
        }
        RunDirectory run = new RunDirectory(path);
        Optional<Path> best = run.best();
        return best.isPresent() ? best.get() : run.latest().orElse(path);
    }

    /** The checkpoint a pointer file names, if the file exists. */
    public Optional<Path> pointer(String file) throws IOException {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String name = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (!name.matches("step-\\d+")) {
            throw new IOException(path + " should name a checkpoint (step-NNNNNNNN), holds '" + name + "'");
        }
        return Optional.of(checkpoint(name));
    }
}
