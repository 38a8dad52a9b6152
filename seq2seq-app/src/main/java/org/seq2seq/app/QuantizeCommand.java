package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.seq2seq.core.model.Int8Weights;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seq2seq quantize}: a model's large matrices as 8-bit integers, in a new model directory. */
@Command(name = "quantize", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Write MODEL into a new model directory with its large matrices (embeddings, output "
                + "projection, recurrent and attention weights) as 8-bit integers with a scale per row: about a "
                + "quarter of the disk space. Loaded, they are floats again, so translating is as fast as before "
                + "and the translations nearly the same (check with evaluate).",
            "The shortlist and the documents of MODEL are kept. A quantized model translates; it does not resume "
                + "training."})
final class QuantizeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model or a training run's directory (its "
            + "best checkpoint).")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The new model directory "
            + "(must not exist).")
    Path output;

    @Option(names = "--min-entries", paramLabel = "N", description = "Quantize the matrices of at least N numbers; "
            + "smaller ones and all vectors (biases, gains) stay floats.")
    long minEntries = Int8Weights.MIN_ENTRIES;

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--min-entries", minEntries, 1);
        NewModelDirectory.requireNew(output);
        Path from = Translator.resolve(model);
        ModelDirectory directory = ModelDirectory.load(from, false);
        Map<String, Object> documents = NewModelDirectory.documentsOf(directory);
        Int8Weights quantized = ModelDirectory.saveQuantized(directory.model(), documents, output, minEntries);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %s with %,d of its %,d parameters as 8-bit integers (%s); %.1f MB on disk, was %.1f MB%n",
                output, from, quantized.entries(), directory.model().graph().paramTable().values().stream()
                        .mapToLong(p -> p.length()).sum(),
                String.join(", ", quantized.names()), megabytes(output), megabytes(from));
        out.flush();
        return 0;
    }

    private static double megabytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                bytes += Files.isRegularFile(f) && !f.getFileName().toString().startsWith("training") ? Files.size(f) : 0;
            }
            return bytes / 1e6;
        }
    }
}
