package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.seq2seq.app.model.ModelFormatException;
import org.seq2seq.corpora.CorpusException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code seq2seq} command line. Errors people can fix (a missing file, a bad column, an
 * option out of range) end in one line on standard error and exit code 2; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "seq2seq", mixinStandardHelpOptions = true, version = "seq2seq 0.1.0-SNAPSHOT",
        description = "Sequence-to-sequence neural machine translation on the JVM.",
        subcommands = {PrepareCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class,
            DecodeBenchCommand.class},
        showDefaultValues = true)
public final class Seq2SeqCli {
    /** Exit code for errors in the input or the options. */
    public static final int USAGE_ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line in-process; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Seq2SeqCli root = new Seq2SeqCli();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (root.verbose) {
                e.printStackTrace(err);
            }
            err.println("error: " + message(e));
            err.flush();
            return isUserError(e) ? USAGE_ERROR : 1;
        });
        return cli.execute(args);
    }

    private static boolean isUserError(Exception e) {
        return e instanceof CorpusException || e instanceof IllegalArgumentException || e instanceof ModelFormatException
                || e instanceof IOException || e instanceof UncheckedIOException;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
