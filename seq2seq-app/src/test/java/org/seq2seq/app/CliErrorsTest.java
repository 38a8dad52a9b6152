package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error a person can make on the command line ends in one line on standard error that says
 * what and where, exit code 2, and no stack trace.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        Path file = dir.resolve("corpus.csv");
        Files.writeString(file, "source,target\neins zwei,one two\ndrei,three\n");
        return file;
    }

    /** Runs, checks the exit code and the one-line shape, and returns the message. */
    private static String error(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(Seq2SeqCli.USAGE_ERROR, run.exitCode(), "out: " + run.out() + "\nerr: " + run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        return run.err().strip();
    }

    @Test
    void aMissingFile() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertTrue(error("train", missing.toString(), dir.resolve("run").toString()).contains(missing.toString()));
        assertTrue(error("evaluate", dir.toString(), missing.toString(), dir.resolve("e").toString())
                .contains(dir.toString()));
        assertTrue(error("translate", dir.resolve("no-model").toString(), "Hallo").contains("no-model"));
        Path model = dir.resolve("m");
        Files.createDirectories(model);
        assertTrue(error("translate", model.toString(), "-i", missing.toString()).contains(missing + ": no such file"));
        assertTrue(error("prepare", missing.toString(), dir.resolve("p").toString()).contains(missing.toString()));
    }

    @Test
    void aMissingValidationCorpusIsNamedAndNothingIsWritten() throws IOException {
        Path run = dir.resolve("run");
        Path missing = dir.resolve("valid.csv");
        assertEquals("error: " + missing + ": the validation corpus does not exist",
                error("train", corpus().toString(), run.toString(), "--valid", missing.toString()));
        assertFalse(Files.exists(run), "no run directory with a config.json left behind");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals("error: " + file + ": the output directory is a file",
                error("train", corpus().toString(), file.toString()));
    }

    /**
     * An output place nobody may write in ({@code /sys} refuses new files even to root, where a
     * permission test on a temporary folder would not): named with the reason, before the corpus
     * or the model is read.
     */
    @Test
    void anOutputDirectoryThatCannotBeWritten() throws IOException {
        Path denied = Path.of("/sys/seq2seq-test/run");
        String why = ": no new file can be made in /sys (permission denied)";
        assertEquals("error: " + denied + ": the output directory cannot be written" + why,
                error("train", corpus().toString(), denied.toString()));
        assertEquals("error: " + denied + ": the output directory cannot be written" + why,
                error("prepare", dir.resolve("not-read.csv").toString(), denied.toString()));
        assertEquals("error: /sys/seq2seq-test: the directory of --output cannot be written" + why,
                error("translate", dir.resolve("no-model").toString(), "Hallo", "-o", denied.toString()));
        assertEquals("error: " + dir + ": is a directory (--output wants a file)",
                error("translate", dir.resolve("no-model").toString(), "Hallo", "-o", dir.toString()));
    }

    @Test
    void aCorpusWithAHeaderOnly() throws IOException {
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "source,target\n");
        String expected = "error: " + headerOnly + ": no sentence pairs to read (an empty file, a header only, or "
                + "only bad records)";
        assertEquals(expected, error("train", headerOnly.toString(), dir.resolve("run").toString()));
        assertEquals(expected, error("prepare", headerOnly.toString(), dir.resolve("prepared").toString()));
        assertFalse(Files.exists(dir.resolve("prepared")), "nothing written");
    }

    @Test
    void aBadColumnName() throws IOException {
        String message = error("train", corpus().toString(), dir.resolve("run").toString(),
                "--source-column", "german");
        assertTrue(message.contains("german") && message.contains("corpus.csv"), message);
    }

    @Test
    void aConfigValueOfTheWrongTypeOrGivenTwiceIsNamedWithItsLine() throws IOException {
        Path yaml = dir.resolve("typed.yaml");
        Files.writeString(yaml, "# a run\nepochs: 3\nhidden: large\n");
        assertEquals("error: " + yaml + ": line 3: 'hidden' should be a whole number, got \"large\"",
                error("train", "--config", yaml.toString()));
        Files.writeString(yaml, "learning-rate: fast\n");
        assertEquals("error: " + yaml + ": line 1: 'learning-rate' should be a number, got \"fast\"",
                error("train", "--config", yaml.toString()));
        Files.writeString(yaml, "epochs: 3\nattention: luong\n");
        assertEquals("error: " + yaml + ": line 2: 'attention' should be one of none, dot, general, got \"luong\"",
                error("train", "--config", yaml.toString()));
        Files.writeString(yaml, "epochs: 3\nfeed-context: sometimes\n");
        assertEquals("error: " + yaml + ": line 2: 'feed-context' should be true or false, got \"sometimes\"",
                error("train", "--config", yaml.toString()));

        Files.writeString(yaml, "epochs: 3\nhidden: 16\nepochs: 4\n");
        String twice = error("train", "--config", yaml.toString());
        assertTrue(twice.startsWith("error: " + yaml + ": not valid YAML at line 3") && twice.contains("epochs"), twice);
        Path json = dir.resolve("twice.json");
        Files.writeString(json, "{\"epochs\": 3,\n \"epochs\": 4}\n");
        String jsonTwice = error("train", "--config", json.toString());
        assertTrue(jsonTwice.startsWith("error: " + json + ": not valid JSON at line 2") && jsonTwice.contains("epochs"),
                jsonTwice);
    }

    @Test
    void aMalformedConfig() throws IOException {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"hidden\": 16,\n \"epochs\": }\n");
        String m = error("train", "--config", json.toString());
        assertTrue(m.contains("bad.json: not valid JSON at line 2"), m);

        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "hidden: 16\nepochs: [1, 2\n");
        m = error("train", "--config", yaml.toString());
        assertTrue(m.contains("bad.yaml: not valid YAML"), m);

        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "hiden: 16\n");
        m = error("train", "--config", unknown.toString());
        assertTrue(m.contains("unknown.yaml: unknown option 'hiden' for 'seq2seq train'; known: "), m);

        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "hidden: [16, 32]\n");
        assertTrue(error("train", "--config", list.toString()).contains("'hidden' should have a single value"));

        Path wrongType = dir.resolve("type.yaml");
        Files.writeString(wrongType, "hidden: many\n");
        m = error("train", "--config", wrongType.toString(), corpus().toString(), dir.resolve("run").toString());
        assertEquals("error: " + wrongType + ": line 1: 'hidden' should be a whole number, got \"many\"", m);

        assertTrue(error("train", "--config", dir.resolve("none.yaml").toString())
                .contains("none.yaml: no such config file"));
    }

    @Test
    void aDirectoryThatIsNotAModel() throws IOException {
        Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
        Files.writeString(notAModel.resolve("notes.txt"), "hello");
        String m = error("translate", notAModel.toString(), "Hallo");
        assertTrue(m.contains("not-a-model") && m.contains("not a saved model"), m);
        m = error("evaluate", notAModel.toString(), corpus().toString(), dir.resolve("e").toString());
        assertTrue(m.contains("not a saved model"), m);
    }

    @Test
    void anOptionOutOfRange() throws IOException {
        String run = dir.resolve("run").toString();
        assertTrue(error("train", corpus().toString(), run, "--hidden", "0")
                .contains("--embedding, --hidden, --encoder-layers and --decoder-layers must be at least 1"));
        assertEquals("error: --embedding, --hidden, --encoder-layers and --decoder-layers must be at least 1, got 256, "
                + "512, 1 and 0", error("train", corpus().toString(), run, "--decoder-layers", "0"));
        assertEquals("error: --decoder-residual joins stacked decoder layers: it needs --decoder-layers 2 or more, "
                + "got 1", error("train", corpus().toString(), run, "--decoder-residual"));
        assertEquals("error: --recurrent-dropout must be at least 0 and below 1, got 1.0",
                error("train", corpus().toString(), run, "--recurrent-dropout", "1"));
        assertEquals("error: --warm-restarts and --learning-rate-decay are two learning-rate schedules: give one",
                error("train", corpus().toString(), run, "--warm-restarts", "400", "--learning-rate-decay", "0.5"));
        assertEquals("error: --tie-embeddings needs --embedding equal to --hidden (the output projection reads "
                + "hidden-size vectors), got 256 and 512", error("train", corpus().toString(), run, "--tie-embeddings"));
        assertTrue(error("train", corpus().toString(), run).contains("corpus.csv: no source token occurs at least 2 "
                + "times (--min-freq)"));
        assertTrue(error("train", corpus().toString(), run, "--learning-rate", "-1").contains("learning rate"));
        String huge = error("train", corpus().toString(), run, "--hidden", "100000000");
        assertTrue(huge.startsWith("error: a model of hidden size 100000000") && huge.contains("--hidden"), huge);
        assertTrue(error("train", corpus().toString(), run, "--select-by", "bleu")
                .contains("--select-by bleu needs a validation corpus"));
        assertTrue(error("train", corpus().toString(), run, "--select-by", "accuracy")
                .contains("Invalid value for option '--select-by'"));
        assertEquals("error: --beam must be at least 1, got 0", error("translate", dir.toString(), "--beam", "0", "x"));
        assertEquals("error: --n-best must be at least 1, got -2",
                error("translate", dir.toString(), "--n-best", "-2", "x"));
        assertEquals("error: --max-length must be at least 1, got 0",
                error("evaluate", dir.toString(), corpus().toString(), dir.resolve("e").toString(), "--max-length", "0"));
        assertTrue(error("demo", "--minutes", "0").contains("--minutes must be above 0"));
        assertTrue(error("train", "--epochs", "ten").contains("'ten' is not an int"));
        assertTrue(error("train").contains("missing CORPUS"));
        assertTrue(error("frobnicate").contains("Unmatched argument"));
    }
}
