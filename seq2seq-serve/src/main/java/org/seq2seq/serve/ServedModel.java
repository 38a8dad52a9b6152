package org.seq2seq.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.nn.runtime.Compute;

/**
 * A model a server answers for: its name in requests, the languages it translates between (from
 * the training corpus's name, {@code train.de-en.csv} → de, en; {@code null} when it does not
 * say), and its {@link Translator}.
 */
public record ServedModel(String name, String sourceLanguage, String targetLanguage, Translator translator) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGES = Pattern.compile("\\.([a-z]{2,3})-([a-z]{2,3})\\.(csv|tsv)$");

    public ServedModel {
        Objects.requireNonNull(translator, "translator");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a model name is 1 to 64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit, got '" + name + "'");
        }
    }

    /**
     * Loads {@code [NAME=]DIRECTORY}: a saved model or a training run's directory (its best
     * checkpoint). Without a name the directory's own name is used. Translates with a server's
     * default workers and threads for the processors the JVM sees ({@link Compute#forServer}).
     *
     * @param batchSentences the translator's batch size: the most sentences the server batches
     */
    public static ServedModel load(String spec, int batchSentences) throws IOException {
        return load(spec, batchSentences, Compute.forServer(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Loads {@code [NAME=]DIRECTORY} as {@link #load(String, int)} does, translating with these
     * workers and threads.
     */
    public static ServedModel load(String spec, int batchSentences, Compute compute) throws IOException {
        return load(spec, batchSentences, compute, true);
    }

    /**
     * Loads {@code [NAME=]DIRECTORY} as {@link #load(String, int, Compute)} does, with or without
     * the model's shortlist ({@link TranslatorOptions#shortlist()}).
     */
    public static ServedModel load(String spec, int batchSentences, Compute compute, boolean shortlist)
            throws IOException {
        return load(spec, batchSentences, compute, shortlist, null);
    }

    /**
     * Loads {@code [NAME=]DIRECTORY} as {@link #load(String, int, Compute, boolean)} does, giving
     * every sentence the target terms of the source terms it holds as constraints (null: no term list).
     */
    public static ServedModel load(String spec, int batchSentences, Compute compute, boolean shortlist,
                                   org.seq2seq.core.translate.Terminology terms) throws IOException {
        int eq = spec.indexOf('=');
        String name = eq > 0 ? spec.substring(0, eq) : null;
        Path directory = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such model directory");
        }
        if (name == null) {
            Path file = directory.toAbsolutePath().normalize().getFileName();
            name = file == null ? "model" : file.toString();
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(spec + ": '" + name + "' cannot name a model; give one as NAME=" + directory);
        }
        Path model = Translator.resolve(directory);
        String[] languages = languages(directory, model);
        Translator translator = Translator.load(directory, TranslatorOptions.defaults().withBatchSize(batchSentences)
                .withCompute(compute).withShortlist(shortlist).withTerminology(terms));
        return new ServedModel(name, languages[0], languages[1], translator);
    }

    /** The languages the corpus's file name gives, from the model's or the run's {@code config.json}. */
    private static String[] languages(Path... directories) {
        for (Path directory : directories) {
            Path config = directory.resolve("config.json");
            if (!Files.isRegularFile(config)) {
                continue;
            }
            try {
                JsonNode corpus = new ObjectMapper().readTree(config.toFile()).path("corpus");
                Matcher m = LANGUAGES.matcher(corpus.asText(""));
                if (m.find()) {
                    return new String[] {m.group(1), m.group(2)};
                }
            } catch (IOException e) {
                // the languages are a label: without them the model is served all the same
            }
        }
        return new String[] {null, null};
    }
}
