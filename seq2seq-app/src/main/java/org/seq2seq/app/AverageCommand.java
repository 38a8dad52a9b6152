package org.seq2seq.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seq2seq.core.model.ModelAverage;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seq2seq average}: checkpoint averaging into a new model directory. */
@Command(name = "average", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Average the parameters of several checkpoints of one model into a new model directory: "
                + "the last N of a training run (--last N RUN) or the model directories given.",
            "The models must share configuration, vocabularies and tokenizers (the checkpoints of one run do)."})
final class AverageCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "With --last: one training run's directory; "
            + "without: two or more model directories.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The new model directory "
            + "(must not exist).")
    Path output;

    @Option(names = "--last", paramLabel = "N", description = "Average the run's last N checkpoints.")
    Integer last;

    @Override
    public Integer call() throws IOException {
        NewModelDirectory.requireNew(output);
        List<Path> models;
        if (last != null) {
            OptionChecks.atLeast("--last", last, 2);
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("--last takes one training run's directory, got " + inputs.size()
                        + " arguments");
            }
            models = ModelAverage.lastCheckpoints(inputs.get(0), last);
        } else {
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("give two or more model directories, or a run and --last N");
            }
            models = inputs;
        }
        Seq2SeqModel mean = ModelAverage.of(models);
        Map<String, Object> documents = new LinkedHashMap<>();
        documents.put("averaged.json", Map.of("models", models.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        Path config = models.get(models.size() - 1).resolve("config.json");
        if (Files.isRegularFile(config)) {
            JsonNode training = new ObjectMapper().readTree(config.toFile());      // what the run was trained with
            documents.put("config.json", training);
        }
        ModelDirectory.save(mean, documents, output);
        spec.commandLine().getOut().printf("averaged %d models into %s:%n", models.size(), output);
        for (Path model : models) {
            spec.commandLine().getOut().println("  " + model);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
