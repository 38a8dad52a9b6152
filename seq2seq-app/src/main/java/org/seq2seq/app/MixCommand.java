package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq2seq.corpora.mix.CorpusMix;
import org.seq2seq.corpora.mix.MixPart;
import org.seq2seq.corpora.mix.MixReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seq2seq mix}: several corpora, each repeated, interleaved into one training corpus. */
@Command(name = "mix", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Write several parallel corpora as one CSV training corpus (gzip-compressed for names "
                + "ending in .gz), each repeated --repeat times and all interleaved evenly: oversample a small "
                + "in-domain corpus beside a large general one.")
final class MixCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MixCommand.class);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CORPUS", arity = "1..*", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The corpora to mix: CSV or TSV, optionally "
            + ".gz, each read with the layout options below.")
    List<Path> corpora = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The mixed corpus: CSV "
            + "with header source,target.")
    Path output;

    @Option(names = "--repeat", split = ",", paramLabel = "N",
            showDefaultValue = CommandLine.Help.Visibility.NEVER, description = "How many times each corpus's pairs "
            + "appear, one number per CORPUS in their order (e.g. 2,1); default: once each.")
    List<Integer> repeats = new ArrayList<>();

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Override
    public Integer call() throws IOException {
        if (!repeats.isEmpty() && repeats.size() != corpora.size()) {
            throw new IllegalArgumentException("--repeat gives " + repeats.size() + " number(s) for "
                    + corpora.size() + " corpora: give one per corpus, in their order");
        }
        List<MixPart> parts = new ArrayList<>();
        for (int i = 0; i < corpora.size(); i++) {
            Path corpus = corpora.get(i);
            OptionChecks.inputFile(corpus);
            int repeat = repeats.isEmpty() ? 1 : repeats.get(i);
            OptionChecks.atLeast("--repeat (for " + corpus + ")", repeat, 1);
            if (Files.exists(output) && Files.isSameFile(corpus, output)) {
                throw new IllegalArgumentException(output + ": --output is one of the corpora being mixed");
            }
            parts.add(new MixPart(corpus, corpusOptions.format(corpus), repeat));
        }
        OptionChecks.outputFile(output, "--output");
        long start = System.nanoTime();
        MixReport report = new CorpusMix(parts).write(output, n -> log.info("{} pairs written", n));
        PrintWriter err = spec.commandLine().getErr();
        for (int i = 0; i < parts.size(); i++) {
            err.printf(Locale.ROOT, "%s: %,d pairs x %d%n", parts.get(i).file(), report.pairsPerPart().get(i),
                    parts.get(i).repeat());
        }
        err.printf(Locale.ROOT, "wrote %,d pairs to %s in %.1f s%n", report.written(), output,
                (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }
}
