package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeSegmenter;
import org.seq2seq.corpora.text.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seq2seq bpe apply}: text split into subwords, as subword-nmt's {@code apply-bpe}. */
@Command(name = "apply", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Split the words of each line into subwords with BPE codes, every piece but a word's last "
                + "ending in @@.")
final class BpeApplyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--codes"}, required = true, paramLabel = "CODES", description = "BPE codes, as 'bpe "
            + "learn' or subword-nmt's learn-bpe wrote them.")
    Path codesFile;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read this file (.gz too) instead of "
            + "standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Option(names = {"-m", "--merges"}, paramLabel = "N", description = "Use only the first N merges (-1: all).")
    int merges = -1;

    @Mixin
    PreTokenizeOptions words = new PreTokenizeOptions();

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--merges", merges, -1);
        Tokenizer tokenizer = words.tokenizer();
        if (input != null) {
            OptionChecks.inputFile(input);
        }
        if (output != null) {
            OptionChecks.outputFile(output, "--output");
        }
        BpeCodes codes = BpeCodes.load(codesFile);
        BpeSegmenter segmenter = new BpeSegmenter(merges < 0 ? codes : codes.first(merges));
        Utf8Lines in = input == null ? new Utf8Lines(((Seq2SeqCli) spec.root().userObject()).in(), "standard input")
                : Utf8Lines.open(input);
        try (in; ReplacingFile file = output == null ? null : new ReplacingFile(output);
             ProgressBar bar = output != null && input != null && Bars.enabled()
                     ? Bars.start("apply", Utf8Lines.count(input), "lines") : null) {
            Writer out = file == null ? spec.commandLine().getOut() : file.writer();
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                out.write(tokenizer == null ? segmenter.segmentLine(line)
                        : String.join(" ", segmenter.segment(tokenizer.tokenize(line))));
                out.write('\n');
                if (bar != null && ++n % 1000 == 0) {
                    bar.stepTo(n);
                }
            }
            out.flush();
            if (file != null) {
                file.commit();
            }
        }
        return 0;
    }
}
