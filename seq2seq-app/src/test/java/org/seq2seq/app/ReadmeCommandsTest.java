package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;
import picocli.CommandLine;

/**
 * The README's command lines still work: every one of them parses (its command and options
 * exist, their values convert), and the cheap ones run, as written, in a directory laid out as
 * the README assumes (a demo model, a run, the shared corpora beside it), with the tiny test model
 * and corpus standing in for the real ones.
 */
class ReadmeCommandsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String JAR = "seq2seq.jar ";

    /** The README's commands that run here, each exactly as the README has it, in its order. */
    private static final List<String> CHEAP = List.of(
            "translate seq2seq-demo/model \"Ein Hund rennt im Park.\"",
            "translate seq2seq-demo/model -i german.txt -o english.txt",
            "bpe learn -s 16000 --tokenize train.de-en.csv -o codes.bpe",
            "bpe apply -c codes.bpe -i text.tok.de -o text.bpe.de",
            "bpe join -i output.bpe.en -o output.tok.en",
            "evaluate runs/multi30k ../shared/corpora/multi30k/test2016.de-en.csv runs/multi30k-test",
            "score ../shared/corpora/multi30k/test2016.en -i runs/multi30k-test/hypotheses.txt");

    @TempDir
    Path dir;

    @Test
    void everyCommandParses() throws IOException {
        List<String> commands = commands();
        assertTrue(commands.size() >= 20, "the README should show the commands; found " + commands.size());
        for (String command : commands) {
            List<String> args = words(command);
            try {
                new CommandLine(new Seq2SeqCli()).setCaseInsensitiveEnumValuesAllowed(true)   // as the real CLI
                        .parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail("README: `" + command + "` does not parse: " + e.getMessage());
            }
        }
    }

    @Tag("slow")
    @Test
    void theCheapCommandsRunAsWritten() throws IOException {
        List<String> commands = commands();
        for (String cheap : CHEAP) {
            assertTrue(commands.contains(cheap), "the README no longer shows `" + cheap + "`");
        }
        Path work = layOut();
        for (String command : CHEAP) {
            String[] args = words(command).stream().map(a -> resolve(work, a)).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), "README: `" + command + "` failed: " + run.err());
        }
        for (String written : List.of("english.txt", "codes.bpe", "text.bpe.de", "output.tok.en",
                "runs/multi30k-test/hypotheses.txt", "runs/multi30k-test/report.json")) {
            assertTrue(Files.size(work.resolve(written)) > 0, written + " is empty or missing");
        }
        assertFalse(Files.readString(work.resolve("output.tok.en")).contains("@@"), "bpe join left separators");
    }

    /**
     * A working directory as the README's commands expect it, with {@code ../shared} beside it:
     * the tiny model as the demo's model and as a run, its corpus as the corpora.
     */
    private Path layOut() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        TinyModel.copyTo(work.resolve("seq2seq-demo/model"));
        TinyModel.copyTo(work.resolve("runs/multi30k"));
        List<String[]> train = TinyModel.trainingPairs();
        List<String[]> test = TinyModel.validationPairs();
        Files.writeString(work.resolve("german.txt"), test.get(0)[0] + "\n" + test.get(1)[0] + "\n");
        writeCsv(work.resolve("train.de-en.csv"), train);
        Files.writeString(work.resolve("text.tok.de"), train.get(0)[0] + "\n" + train.get(1)[0] + "\n");
        Files.writeString(work.resolve("output.bpe.en"), "Two child@@ ren are play@@ ing .\n");
        Path shared = Files.createDirectories(dir.resolve("shared/corpora/multi30k"));
        writeCsv(shared.resolve("test2016.de-en.csv"), test);
        Files.write(shared.resolve("test2016.en"), test.stream().map(p -> p[1]).toList(), StandardCharsets.UTF_8);
        return work;
    }

    private static void writeCsv(Path file, List<String[]> pairs) throws IOException {
        List<String> lines = new ArrayList<>(List.of("source,target"));
        for (String[] pair : pairs) {
            lines.add(quote(pair[0]) + "," + quote(pair[1]));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String quote(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    /** A path argument resolved against the working directory; other arguments as they are. */
    private static String resolve(Path work, String arg) {
        boolean path = !arg.startsWith("-") && !arg.contains(" ")
                && (arg.contains("/") || arg.matches(".*\\.(txt|csv|bpe|de|en)"));
        return path ? work.resolve(arg).normalize().toString() : arg;
    }

    /**
     * The arguments of every command line in the README's indented code that runs the jar
     * (continuation lines joined, comments dropped), from the command name on; not those that
     * run a script with the jar on the class path ({@code java -cp seq2seq.jar scripts/X.java}).
     */
    static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (pending != null) {
                pending.append(' ').append(line.strip());
            } else if (line.startsWith("    ") && line.contains(JAR) && !line.contains("-cp ")) {   // not a script on its class path
                pending = new StringBuilder(line.substring(line.indexOf(JAR) + JAR.length()));
            } else {
                continue;
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                commands.add(pending.toString().replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ").strip());
                pending = null;
            }
        }
        return commands;
    }

    /** A shell line's words: quotes group and are dropped, {@code #} starts a comment. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder().append(c) : word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
