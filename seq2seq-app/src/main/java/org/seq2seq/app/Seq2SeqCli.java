package org.seq2seq.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.seq2seq.core.model.ModelFormatException;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code seq2seq} command line. Errors people can fix (a missing file, a bad column, an
 * option out of range) end in one line on standard error and exit code 2; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "seq2seq", mixinStandardHelpOptions = true, version = "seq2seq 0.1.0-SNAPSHOT",
        description = "Sequence-to-sequence neural machine translation on the JVM.",
        subcommands = {DemoCommand.class, PrepareCommand.class, MixCommand.class, TrainCommand.class, TranslateCommand.class,
            EvaluateCommand.class, ScoreCommand.class, BpeCommand.class, BenchCommand.class, DecodeBenchCommand.class, ServeCommand.class, BenchServeCommand.class,
            AverageCommand.class, ShortlistCommand.class, QuantizeCommand.class},
        showDefaultValues = true)
public final class Seq2SeqCli {
    /** Exit code for errors in the input or the options. */
    public static final int USAGE_ERROR = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    private InputStream in = System.in;
    private boolean interactive = System.console() != null;
    /** A test's terminal; null: the process's, when interactive. */
    private Terminal terminal;
    private Path historyFile = Path.of(System.getProperty("user.home"), ".seq2seq_history");

    /** Standard input, or what a test hands in. */
    InputStream in() {
        return in;
    }

    /** Whether standard input (and output) is a terminal: {@code translate} then prompts. */
    boolean interactive() {
        return interactive;
    }

    /** The terminal's lines, edited and with history (for {@link #interactive()} use). */
    ConsoleLines console() throws IOException {
        return terminal != null ? new ConsoleLines(terminal, historyFile) : ConsoleLines.system(historyFile);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line in-process; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** Runs a command line in-process with {@code in} as standard input (never a terminal). */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        Seq2SeqCli root = new Seq2SeqCli();
        if (in != System.in) {
            root.in = in;
            root.interactive = false;
        }
        return run(root, args, out, err);
    }

    /** Runs a command line in-process as if typed at {@code terminal}, with history in {@code historyFile}. */
    static int runAtTerminal(String[] args, Terminal terminal, Path historyFile, PrintWriter out, PrintWriter err) {
        Seq2SeqCli root = new Seq2SeqCli();
        root.interactive = true;
        root.terminal = terminal;
        root.historyFile = historyFile;
        return run(root, args, out, err);
    }

    /** Prints {@code error: message} and returns {@link #USAGE_ERROR}. */
    private static int usageError(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return USAGE_ERROR;
    }

    private static int run(Seq2SeqCli root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(parseResult -> {
            if (!helpOnly(parseResult)) {
                try {
                    NativeRuntime.configure();      // before the first ND4J use, not for --help
                } catch (IllegalArgumentException e) {   // an environment variable's value
                    return usageError(err, e.getMessage());
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            useConfigFile(cli, args);
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        cli.setParameterExceptionHandler((e, arguments) -> usageError(err, e.getMessage() + " (see: "
                + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help)"));
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

    /**
     * Finds {@code --config FILE} after a subcommand's name and makes the file's values that
     * subcommand's defaults (picocli applies defaults before it parses, hence the early look).
     */
    private static void useConfigFile(CommandLine cli, String[] args) {
        CommandLine command = null;
        for (int i = 0; i < args.length; i++) {
            if (command == null) {
                command = cli.getSubcommands().get(args[i]);
                continue;
            }
            String file = null;
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            }
            if (file != null && command.getCommandSpec().findOption("--config") != null) {
                command.setDefaultValueProvider(ConfigFile.read(Path.of(file), command.getCommandSpec()));
                return;
            }
        }
        if (command != null && command.getCommandSpec().userObject() instanceof TrainCommand) {
            CommandLine train = command;
            TrainCommand.savedOptions(java.util.Arrays.copyOfRange(args, java.util.Arrays.asList(args).indexOf(
                    train.getCommandName()) + 1, args.length), train.getCommandSpec())
                    .ifPresent(train::setDefaultValueProvider);
        }
    }

    /** Whether the command line only asks for help or the version (then ND4J is never loaded). */
    private static boolean helpOnly(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return true;
            }
        }
        // score and bpe never touch ND4J
        return result.subcommand() == null || result.subcommand().commandSpec().name().equals("score")
                || result.subcommand().commandSpec().name().equals("bpe");
    }

    private static boolean isUserError(Exception e) {
        return e instanceof CorpusException || e instanceof IllegalArgumentException || e instanceof ModelFormatException
                || e instanceof IOException || e instanceof UncheckedIOException;
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof FileSystemException f && f.getFile() != null) {
            // the JDK's message for a denied or missing file is the path alone
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": "
                    + OutputPaths.reason(f);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
