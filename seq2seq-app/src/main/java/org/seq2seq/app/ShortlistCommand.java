package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.translate.ShortlistLearner;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.decoder.shortlist.Shortlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq shortlist}: learns a vocabulary shortlist for a model from a parallel corpus
 * (usually its training corpus) and writes the model with it into a new model directory.
 */
@Command(name = "shortlist", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Learn a vocabulary shortlist from a parallel corpus and write MODEL with it into a new "
                + "model directory: translate, evaluate, serve and the library then score, for each sentence, only "
                + "the most frequent target tokens and its source tokens' likeliest translations, instead of the "
                + "whole target vocabulary (--no-shortlist turns it off).",
            "The translations of a source token are the target tokens of highest Dice coefficient with it over "
                + "the corpus's pairs."})
final class ShortlistCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model or a training run's directory (its "
            + "best checkpoint).")
    Path model;

    @Parameters(index = "1", paramLabel = "CORPUS", description = "Sentence pairs to learn from, usually the "
            + "training corpus.")
    Path corpus;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The new model directory "
            + "(must not exist).")
    Path output;

    @Option(names = "--frequent", paramLabel = "N", description = "The most frequent target tokens scored for every "
            + "sentence.")
    int frequent = ShortlistLearner.DEFAULT_FREQUENT;

    @Option(names = "--per-token", paramLabel = "N", description = "Translations listed for each source token.")
    int perToken = ShortlistLearner.DEFAULT_PER_SOURCE_TOKEN;

    @Option(names = "--max-pairs", paramLabel = "N", description = "Learn from the first N pairs at most (0: all).")
    long maxPairs = ShortlistLearner.DEFAULT_MAX_PAIRS;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--frequent", frequent, 0);
        OptionChecks.atLeast("--per-token", perToken, 1);
        if (maxPairs < 0) {
            throw new IllegalArgumentException("--max-pairs must be at least 0, got " + maxPairs);
        }
        NewModelDirectory.requireNew(output);
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException(corpus + ": no such corpus file");
        }
        Path from = Translator.resolve(model);
        ModelDirectory directory = ModelDirectory.load(from, false);
        Seq2SeqModel loaded = directory.model();
        Shortlist shortlist;
        try (CorpusReader reader = CorpusReader.open(corpus, corpusOptions.format(corpus))) {
            shortlist = new ShortlistLearner(frequent, perToken, maxPairs).learn(loaded, reader, corpus.toString());
        }
        Map<String, Object> documents = NewModelDirectory.documentsOf(directory);
        ModelDirectory.save(loaded.withShortlist(shortlist), documents, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %s with %s%n", output, from, shortlist);
        out.flush();
        return 0;
    }
}
