package org.seq2seq.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint averaging: a model whose every parameter is the mean of the same parameter in
 * several saved models of one shape, usually the last checkpoints of one training run (an
 * average of nearby points on the training path generalizes better than any one of them).
 */
public final class ModelAverage {
    private ModelAverage() {
    }

    /**
     * The mean of the saved models' parameters, as a model with the first one's configuration,
     * vocabularies and tokenizers.
     *
     * @param models two or more model directories with the same configuration, vocabularies and
     *               tokenizers
     * @throws IllegalArgumentException naming the directory that differs from the first
     */
    public static Seq2SeqModel of(List<Path> models) throws IOException {
        if (Objects.requireNonNull(models, "models").size() < 2) {
            throw new IllegalArgumentException("averaging needs two or more models, got " + models.size());
        }
        Seq2SeqModel first = ModelDirectory.load(models.get(0)).model();
        INDArray sum = first.graph().params().dup();                          // [parameters]
        for (Path directory : models.subList(1, models.size())) {
            Seq2SeqModel other = ModelDirectory.load(directory).model();
            String difference = difference(first, other);
            if (difference != null) {
                throw new IllegalArgumentException(directory + ": " + difference + " from " + models.get(0)
                        + ", so their parameters cannot be averaged");
            }
            sum.addi(other.graph().params());
        }
        first.graph().setParams(sum.divi(models.size()));
        return first;
    }

    /** The last {@code n} checkpoints of a training run's directory, oldest first. */
    public static List<Path> lastCheckpoints(Path run, int n) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("the number of checkpoints must be at least 1, got " + n);
        }
        Path checkpoints = run.resolve(RunDirectory.CHECKPOINTS);
        if (!Files.isDirectory(checkpoints)) {
            throw new IllegalArgumentException(run + ": not a training run's directory (it has no "
                    + RunDirectory.CHECKPOINTS + "/)");
        }
        List<Path> all;
        try (Stream<Path> files = Files.list(checkpoints)) {
            all = new ArrayList<>(files.filter(ModelDirectory::isModel).sorted().toList());
        }
        if (all.size() < n) {
            throw new IllegalArgumentException(run + ": " + all.size() + " checkpoints, fewer than the " + n
                    + " to average (train with --keep-checkpoints " + n + " or more)");
        }
        return all.subList(all.size() - n, all.size());
    }

    /** What makes two models' parameters incomparable; null when nothing does. */
    private static String difference(Seq2SeqModel a, Seq2SeqModel b) {
        if (!a.config().equals(b.config())) {
            return "its configuration " + b.config() + " differs";
        }
        if (!a.sameTokens(b)) {
            return "its vocabularies or tokenizers differ";
        }
        return null;
    }
}
