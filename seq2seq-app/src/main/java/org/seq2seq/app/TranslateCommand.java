package org.seq2seq.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.core.translate.AttentionMap;
import org.seq2seq.core.translate.AttentionPicture;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code seq2seq translate}: sentences from the arguments, a file or standard input (one per
 * line, streamed: each line's translation is written as soon as it is ready), or interactively
 * when standard input is a terminal.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Translate sentences with a saved model: from arguments, a file, or standard input "
                + "(one sentence per line); interactive on a terminal.")
final class TranslateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Seq2SeqCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model, or a training run (its best "
            + "checkpoint).")
    Path model;

    @Parameters(index = "1..*", paramLabel = "SENTENCE", description = "Sentences to translate; without them, "
            + "lines from --input or standard input.", showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<String> sentences = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read sentences from FILE, one per line "
            + "(- for standard input).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write translations to FILE instead of "
            + "standard output.")
    Path output;

    @Mixin
    SearchCliOptions search = new SearchCliOptions();

    @Mixin
    ComputeOptions computeOptions = new ComputeOptions();

    @Option(names = "--n-best", paramLabel = "K", description = "Write the K best translations of each sentence as "
            + "'INDEX ||| TRANSLATION ||| SCORE' lines (Moses' n-best format), best first.")
    int nBest = 1;

    @Option(names = "--attention-out", paramLabel = "DIR", description = "For a model with attention: write what "
            + "the decoder attended to for sentence N (from 1) as DIR/attention-N.png (a heat map) and "
            + "DIR/attention-N.json.")
    Path attentionOut;

    @Option(names = "--constraints", paramLabel = "FILE", description = "Target phrases each translation must "
            + "contain: line N of FILE holds sentence N's, separated by tabs (an empty line for none). Each phrase "
            + "is split into the model's subwords and must be in its vocabulary; needs --beam 2 or more.")
    Path constraintsFile;

    @Option(names = "--batch-size", description = "Most sentences translated together; lines that are already "
            + "waiting are batched, so streaming stays line by line.")
    int batchSize = 50;

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--n-best", nBest, 1);
        TranslatorOptions options = search.translatorOptions(batchSize).withNBest(nBest)
                .withCompute(computeOptions.compute());
        if (!sentences.isEmpty() && input != null) {
            throw new IllegalArgumentException("give sentences as arguments or --input, not both");
        }
        if (input != null && !input.toString().equals("-")) {
            if (!Files.exists(input)) {
                throw new IllegalArgumentException(input + ": no such file");
            }
            if (Files.isDirectory(input)) {
                throw new IllegalArgumentException(input + ": is a directory, not a file of sentences");
            }
        }
        if (attentionOut != null && nBest > 1) {
            throw new IllegalArgumentException("--attention-out shows the best translation only; leave out --n-best");
        }
        if (constraintsFile != null && attentionOut != null) {
            throw new IllegalArgumentException("--attention-out shows unconstrained translations; leave out "
                    + "--constraints");
        }
        if (constraintsFile != null && options.search().beamSize() < 2) {
            throw new IllegalArgumentException("--constraints needs beam search: --beam 2 or more");
        }
        if (constraintsFile != null && !Files.isRegularFile(constraintsFile)) {
            throw new IllegalArgumentException(constraintsFile + ": " + (Files.isDirectory(constraintsFile)
                    ? "is a directory, not a file of constraints" : "no such file") + " (--constraints)");
        }
        if (output != null) {
            OptionChecks.outputFile(output, "--output");
        }
        if (attentionOut != null) {
            OutputPaths.requireWritableDirectory(attentionOut, "--attention-out");
        }
        try (Translator translator = search.load(model, options)) {
            if (attentionOut != null) {
                if (!translator.modelConfig().attention().isOn()) {
                    throw new IllegalArgumentException(model + " was trained without attention, so there is none "
                            + "to write (--attention-out)");
                }
                Files.createDirectories(attentionOut);
            }
            constraints = constraintsFile == null ? null : ConstraintLines.open(constraintsFile, translator);
            // -o FILE: written beside it and moved over it at the end, so a failure leaves FILE as it was
            try (ConstraintLines ignored = constraints;
                 ReplacingFile file = output == null ? null : new ReplacingFile(output)) {
                PrintWriter out = file == null ? spec.commandLine().getOut() : new PrintWriter(file.writer());
                if (!sentences.isEmpty()) {
                    write(translator, sentences, 0, out);
                } else if (input == null && root.interactive()) {
                    interactive(translator, out);
                } else {
                    stream(translator, reader(), out);
                }
                out.flush();
                if (constraints != null) {
                    constraints.requireEnd();
                }
                if (file != null) {
                    if (out.checkError()) {
                        throw new IOException(output + ": the translations could not be written");
                    }
                    file.commit();
                }
            }
        }
        return 0;
    }

    /** The --constraints file beside the input, or null. */
    private ConstraintLines constraints;

    private Utf8Lines reader() throws IOException {
        if (input == null || input.toString().equals("-")) {
            return new Utf8Lines(root.in(), "standard input");
        }
        return new Utf8Lines(Files.newInputStream(input), input.toString());
    }

    /**
     * Translates lines as they come: waits for one line, takes those already waiting behind it
     * (up to {@link SearchCliOptions#POOL_BATCHES} batches, which the translator sorts by length
     * and batches), and writes their translations before it reads on.
     */
    private void stream(Translator translator, Utf8Lines in, PrintWriter out) throws IOException {
        ProgressBar bar = output != null && input != null && Bars.enabled() && Files.isRegularFile(input)
                ? Bars.start("translate", Utf8Lines.count(input), "sent") : null;
        try (in) {
            long index = 0;
            List<String> batch = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                batch.add(line);
                try {
                    while (batch.size() < SearchCliOptions.poolSize(batchSize) && in.ready()
                            && (line = in.readLine()) != null) {
                        batch.add(line);
                    }
                } catch (IOException | RuntimeException e) {          // a bad line: the lines before it first
                    write(translator, batch, index, out);
                    out.flush();
                    throw e;
                }
                write(translator, batch, index, out);
                out.flush();
                index += batch.size();
                if (bar != null) {
                    bar.stepTo(index);
                }
                batch.clear();
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Translates what a person types at the terminal, line by line, with line editing and history. */
    private void interactive(Translator translator, PrintWriter out) throws IOException {
        try (ConsoleLines console = root.console()) {
            console.writer().println("Type a sentence and Enter to translate it (Up and Down recall earlier ones); "
                    + "an empty line or Ctrl-D ends.");
            long index = 0;
            String line;
            while ((line = console.readLine("> ")) != null && !line.isBlank()) {
                write(translator, List.of(line), index++, out);
                out.flush();
            }
        }
    }

    private void write(Translator translator, List<String> batch, long firstIndex, PrintWriter out)
            throws IOException {
        if (attentionOut != null) {
            for (int i = 0; i < batch.size(); i++) {
                AttentionMap map = translator.attention(batch.get(i));
                out.println(map.translation());
                String name = "attention-" + (firstIndex + i + 1);
                try (OutputStream png = Files.newOutputStream(attentionOut.resolve(name + ".png"))) {
                    AttentionPicture.writePng(map, png);
                }
                JSON.writeValue(attentionOut.resolve(name + ".json").toFile(), map);
            }
            return;
        }
        if (constraints != null) {
            List<List<String>> phrases = constraints.next(batch.size());
            List<List<Translation>> found;
            try {
                found = translator.translateNBest(batch, phrases, translator.options().search().withNBest(nBest));
            } catch (org.seq2seq.core.translate.UnsatisfiableConstraintException e) {
                throw new IllegalArgumentException(constraints.where(firstIndex + e.sentence()) + ": " + e.reason());
            }
            for (int i = 0; i < batch.size(); i++) {
                List<Translation> best = found.get(i);
                if (nBest == 1) {
                    out.println(best.isEmpty() ? "" : best.get(0).text());
                }
                for (int k = 0; nBest > 1 && k < best.size(); k++) {
                    out.println(String.format(Locale.ROOT, "%d ||| %s ||| %.4f", firstIndex + i, best.get(k).text(),
                            best.get(k).score()));
                }
            }
            return;
        }
        if (nBest == 1) {
            for (String translation : translator.translate(batch)) {
                out.println(translation);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            for (Translation t : translator.translateNBest(batch.get(i), nBest)) {
                out.println(String.format(Locale.ROOT, "%d ||| %s ||| %.4f", firstIndex + i, t.text(), t.score()));
            }
        }
    }
}
