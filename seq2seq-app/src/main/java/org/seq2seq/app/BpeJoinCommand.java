package org.seq2seq.app;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq2seq.corpora.bpe.Subwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seq2seq bpe join}: subwords put back into words, as {@code sed -r 's/(@@ )|(@@ ?$)//g'}. */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "Put subwords back together: remove every @@ that ends a piece.")
final class BpeJoinCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read this file (.gz too) instead of "
            + "standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (input != null) {
            OptionChecks.inputFile(input);
        }
        if (output != null) {
            OptionChecks.outputFile(output, "--output");
        }
        Utf8Lines in = input == null ? new Utf8Lines(((Seq2SeqCli) spec.root().userObject()).in(), "standard input")
                : Utf8Lines.open(input);
        try (in; ReplacingFile file = output == null ? null : new ReplacingFile(output)) {
            Writer out = file == null ? spec.commandLine().getOut() : file.writer();
            for (String line; (line = in.readLine()) != null; ) {
                out.write(Subwords.joinLine(line));
                out.write('\n');
            }
            out.flush();
            if (file != null) {
                file.commit();
            }
        }
        return 0;
    }
}
