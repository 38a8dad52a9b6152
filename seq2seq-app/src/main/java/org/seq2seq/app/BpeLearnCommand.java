package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeLearner;
import org.seq2seq.corpora.text.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seq2seq bpe learn}: codes from text files or parallel corpora, as subword-nmt's {@code learn-bpe}. */
@Command(name = "learn", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Learn BPE codes (subword-nmt's format) from text or parallel corpora; several inputs "
                + "give joint codes.")
final class BpeLearnCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BpeLearnCommand.class);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Text files (a sentence per line, .gz too) or corpora (names with .csv or .tsv: both sides "
                    + "are read). None: standard input.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "CODES", description = "Write the codes here instead of "
            + "standard output.")
    Path output;

    @Option(names = {"-s", "--merges"}, paramLabel = "N", description = "Merge operations to learn.")
    int merges = 10000;

    @Option(names = "--min-frequency", paramLabel = "FREQ", description = "Stop when no pair occurs this often.")
    int minFrequency = 2;

    @Mixin
    PreTokenizeOptions words = new PreTokenizeOptions();

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--merges", merges, 1);
        OptionChecks.atLeast("--min-frequency", minFrequency, 1);
        Tokenizer tokenizer = words.tokenizer();
        for (Path input : inputs) {
            OptionChecks.inputFile(input);
        }
        if (output != null) {
            OptionChecks.outputFile(output, "--output");
        }
        long start = System.nanoTime();
        Map<String, Long> words = new LinkedHashMap<>();
        long lines = 0;
        if (inputs.isEmpty()) {
            lines += readText(new Utf8Lines(root().in(), "standard input"), tokenizer, words);
        }
        for (Path input : inputs) {
            lines += isCorpus(input) ? readCorpus(input, tokenizer, words) : readText(Utf8Lines.open(input), tokenizer,
                    words);
        }
        long tokens = words.values().stream().mapToLong(Long::longValue).sum();
        log.info("read {} lines: {} words, {} distinct", lines, tokens, words.size());

        BpeCodes codes;
        try (ProgressBar bar = Bars.enabled() ? Bars.start("learn", merges, "merges") : null) {
            IntConsumer progress = bar != null ? bar::stepTo : new LoggedProgress(merges);
            codes = new BpeLearner(merges, minFrequency).learn(words, progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(codes.text());
            out.flush();
        } else {
            try (ReplacingFile file = new ReplacingFile(output)) {
                file.writer().write(codes.text());
                file.commit();
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "learned %,d merges%s from %,d words (%,d distinct) in %.1f s%s%n", codes.size(),
                codes.size() < merges ? " (no pair left occurring " + minFrequency + " times)" : "", tokens,
                words.size(), seconds, output == null ? "" : "; wrote " + output);
        err.flush();
        return 0;
    }

    private Seq2SeqCli root() {
        return (Seq2SeqCli) spec.root().userObject();
    }

    private static boolean isCorpus(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".csv") || name.contains(".tsv");
    }

    private static void add(Map<String, Long> words, String line, Tokenizer tokenizer) {
        if (tokenizer == null) {
            BpeLearner.addWords(words, line);
        } else {
            for (String token : tokenizer.tokenize(line)) {
                words.merge(token, 1L, Long::sum);
            }
        }
    }

    private static long readText(Utf8Lines in, Tokenizer tokenizer, Map<String, Long> words) throws IOException {
        long n = 0;
        try (in) {
            for (String line; (line = in.readLine()) != null; n++) {
                add(words, line, tokenizer);
            }
        }
        return n;
    }

    private long readCorpus(Path file, Tokenizer tokenizer, Map<String, Long> words) {
        long n = 0;
        try (CorpusReader reader = CorpusReader.open(file, corpusOptions.format(file))) {
            for (SentencePair pair : reader) {
                add(words, pair.source(), tokenizer);
                add(words, pair.target(), tokenizer);
                n += 2;
            }
        }
        return n;
    }

    /** Progress as log lines, a few per run, where no bar is drawn. */
    private static final class LoggedProgress implements IntConsumer {
        private final int total;
        private long lastLog = System.nanoTime();

        LoggedProgress(int total) {
            this.total = total;
        }

        @Override
        public void accept(int done) {
            long now = System.nanoTime();
            if (now - lastLog > 10_000_000_000L) {
                log.info("learned {}/{} merges", done, total);
                lastLog = now;
            }
        }
    }
}
