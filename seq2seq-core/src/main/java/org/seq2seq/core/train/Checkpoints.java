package org.seq2seq.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seq2seq.core.io.AtomicFiles;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelFormatException;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's output directory:
 *
 * <pre>
 * checkpoints/step-00000454/   saved models ({@link ModelDirectory}) with training.json and training-state.json
 * latest.txt                   name of the newest checkpoint: where a resumed run continues
 * best.txt                     name of the checkpoint with the best validation figure
 *                              ({@link TrainingConfig#selectBy()}): the model to use
 * </pre>
 *
 * ({@link RunDirectory} reads the same layout for those who only load models.)
 *
 * Checkpoints and pointer files are written atomically, the checkpoint before the pointer, so a
 * crash at any moment leaves the pointers naming complete checkpoints. Only the newest
 * {@code keep} checkpoints and the best one are kept.
 */
public final class Checkpoints {
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    public static final String CHECKPOINTS = RunDirectory.CHECKPOINTS;
    public static final String LATEST = RunDirectory.LATEST;
    public static final String BEST = RunDirectory.BEST;
    public static final String TRAINING = "training.json";
    public static final String STATE = "training-state.json";

    private final Path directory;
    private final RunDirectory run;
    private final int keep;
    private final Map<String, Object> documents = new java.util.LinkedHashMap<>();

    /**
     * @param directory the run's output directory
     * @param keep      step checkpoints to keep besides the best, at least 1
     */
    public Checkpoints(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least 1 checkpoint, got " + keep);
        }
        this.directory = directory;
        this.run = new RunDirectory(directory);
        this.keep = keep;
    }

    /**
     * Saves {@code value} as the JSON document {@code name} in every checkpoint from now on (the
     * command line's effective options, say).
     */
    public Checkpoints withDocument(String name, Object value) {
        if (name.equals(TRAINING) || name.equals(STATE)) {
            throw new IllegalArgumentException(name + " is written by the trainer itself");
        }
        documents.put(name, value);
        return this;
    }

    /** A checkpoint read back. */
    public record Checkpoint(Path directory, Seq2SeqModel model, TrainingConfig config, TrainingState state) {
    }

    public Path directory() {
        return directory;
    }

    /** Whether the directory holds a run (a latest checkpoint pointer). */
    public boolean exist() {
        return Files.isRegularFile(directory.resolve(LATEST));
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
     * Saves a checkpoint named after {@code state.steps()} and points {@code latest.txt} (and
     * {@code best.txt} when {@code best}) at it.
     *
     * @return the checkpoint's name
     */
    public String save(Seq2SeqModel model, TrainingConfig config, TrainingState state, boolean best)
            throws IOException {
        String name = name(state.steps());
        Path target = directory.resolve(CHECKPOINTS).resolve(name);
        if (Files.exists(target)) {
            // Left by a run that crashed after writing it and before moving latest.txt on; that
            // run's state is lost with it, so it is safe to replace unless a pointer names it.
            if (pointsAt(LATEST, name) || pointsAt(BEST, name)) {
                throw new IOException(target + " exists and is in use; refusing to overwrite it");
            }
            AtomicFiles.deleteRecursively(target);
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>(documents);
        all.put(TRAINING, config);
        all.put(STATE, state);
        ModelDirectory.save(model, all, target);
        AtomicFiles.writeString(directory.resolve(LATEST), name + "\n");
        if (best) {
            AtomicFiles.writeString(directory.resolve(BEST), name + "\n");
        }
        prune();
        return name;
    }

    /** The name of the checkpoint after {@code steps} steps. */
    public static String name(long steps) {
        return String.format("step-%08d", steps);
    }

    /** Reads a checkpoint with its training configuration and state. */
    public static Checkpoint load(Path checkpoint) throws IOException {
        ModelDirectory saved = ModelDirectory.load(checkpoint);
        TrainingConfig config = saved.document(TRAINING, TrainingConfig.class).orElseThrow(
                () -> new ModelFormatException(checkpoint, "a model, but not a training checkpoint: no " + TRAINING));
        TrainingState state = saved.document(STATE, TrainingState.class).orElseThrow(
                () -> new ModelFormatException(checkpoint, "a model, but not a training checkpoint: no " + STATE));
        return new Checkpoint(checkpoint, saved.model(), config, state);
    }

    private Optional<Path> pointer(String file) throws IOException {
        return run.pointer(file);
    }

    private boolean pointsAt(String file, String name) throws IOException {
        return pointer(file).map(p -> p.getFileName().toString().equals(name)).orElse(false);
    }

    /** Deletes step checkpoints older than the newest {@code keep}, except the best. */
    private void prune() throws IOException {
        List<String> names = new ArrayList<>();
        List<Path> partial = new ArrayList<>();
        try (var dirs = Files.list(directory.resolve(CHECKPOINTS))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String n = p.getFileName().toString();
                if (n.matches("step-\\d+")) {
                    names.add(n);
                } else if (n.startsWith(".step-")) {
                    partial.add(p);   // a save that a crash interrupted
                }
            }
        }
        names.sort(null);
        for (Path p : partial) {
            AtomicFiles.deleteRecursively(p);
        }
        try (var files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".partial") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);      // a pointer or table write that a kill interrupted
                }
            }
        }
        String latest = pointer(LATEST).map(p -> p.getFileName().toString()).orElse("");
        String best = pointer(BEST).map(p -> p.getFileName().toString()).orElse("");
        for (int i = 0; i < names.size() - keep; i++) {
            String name = names.get(i);
            if (!name.equals(best) && !name.equals(latest)) {
                log.debug("deleting old checkpoint {}", name);
                AtomicFiles.deleteRecursively(directory.resolve(CHECKPOINTS).resolve(name));
            }
        }
    }
}
