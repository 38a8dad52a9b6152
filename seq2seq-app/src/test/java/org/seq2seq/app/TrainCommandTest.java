package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.train.Checkpoints;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeLearner;
import org.seq2seq.corpora.text.TokenizerSpec;

class TrainCommandTest {
    @TempDir
    Path dir;

    /** Sentences of German number words and their English translations, reversed for fun. */
    private Path corpus(String name, int pairs, long seed) throws IOException {
        String[] de = {"eins", "zwei", "drei", "vier", "fünf"};
        String[] en = {"one", "two", "three", "four", "five"};
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("source,target\n");
        for (int p = 0; p < pairs; p++) {
            int n = 2 + random.nextInt(4);
            StringBuilder s = new StringBuilder();
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int w = random.nextInt(5);
                s.append(i == 0 ? "" : " ").append(de[w]);
                t.insert(0, en[w] + (i == 0 ? "" : " "));
            }
            csv.append(s).append(" .,").append(t).append(" .\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private String[] args(Path train, Path valid, Path output, String... more) {
        String[] base = {"train", train.toString(), output.toString(), "--valid", valid.toString(),
            "--embedding", "8", "--hidden", "16", "--batch-size", "8", "--min-freq", "1", "--lowercase"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void resumeRefusesChangedOptionsAndRecordsTheOnesItTakes() throws IOException {
        Path train = corpus("train.csv", 40, 1);
        Path valid = corpus("valid.csv", 10, 2);
        Path output = dir.resolve("run");
        assertEquals(0, CliRun.of(args(train, valid, output, "--epochs", "1")).exitCode());
        String before = Files.readString(output.resolve(TrainCommand.RUN_CONFIG));

        CliRun changed = CliRun.of("train", train.toString(), output.toString(), "--epochs", "2", "--resume",
                "--hidden", "32", "--learning-rate", "0.01", "--lowercase");
        assertEquals(Seq2SeqCli.USAGE_ERROR, changed.exitCode(), changed.out());
        assertEquals("error: --resume goes on with the run's saved options, and these were given otherwise: "
                + "hidden 16 -> 32, learning-rate 0.001 -> 0.01 (only --epochs, --max-minutes and --threads may change; "
                + "start a new run for the others)", changed.err().strip());
        assertEquals(before, Files.readString(output.resolve(TrainCommand.RUN_CONFIG)), "config.json untouched");

        Path config = Files.writeString(dir.resolve("other.yaml"), "valid-bleu: 3\n");
        CliRun fromFile = CliRun.of(args(train, valid, output, "--resume", "--config", config.toString()));
        assertEquals(Seq2SeqCli.USAGE_ERROR, fromFile.exitCode(), fromFile.out());
        assertTrue(fromFile.err().contains("valid-bleu 500 -> 3"), fromFile.err());

        CliRun resumed = CliRun.of("train", train.toString(), output.toString(), "--resume", "--epochs", "2",
                "--max-minutes", "30");
        assertEquals(0, resumed.exitCode(), resumed.err());
        var saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                output.resolve(TrainCommand.RUN_CONFIG).toFile());
        assertEquals(2, saved.get("epochs").asInt(), "the epochs it was resumed with");
        assertEquals(30.0, saved.get("max-minutes").asDouble());
        assertEquals(16, saved.get("hidden").asInt(), "the hidden size it kept, not the default of a bare command");
        assertTrue(saved.get("lowercase").asBoolean());
    }

    /** A resume without the options the run started with goes on with the saved ones, validation included. */
    @Test
    void aResumeGoesOnWithTheSavedOptionsItIsNotGiven() throws IOException {
        Path train = corpus("train.csv", 40, 1);
        Path valid = corpus("valid.csv", 10, 2);
        Path output = dir.resolve("run");
        assertEquals(0, CliRun.of(args(train, valid, output, "--epochs", "1", "--valid-bleu", "3",
                "--select-by", "bleu")).exitCode());
        CliRun resumed = CliRun.of("train", train.toString(), output.toString(), "--resume", "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> rows = Files.readAllLines(output.resolve("training.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        String[] second = rows.get(2).split(",");
        assertEquals("2", second[0]);
        assertTrue(Double.parseDouble(second[3]) > 0, "the resumed epoch was validated: " + rows.get(2));
        var saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                output.resolve(TrainCommand.RUN_CONFIG).toFile());
        assertEquals(3, saved.get("valid-bleu").asInt());
        assertEquals(16, saved.get("hidden").asInt());
        assertTrue(saved.get("lowercase").asBoolean());
        ModelDirectory last = ModelDirectory.load(new Checkpoints(output, 2).latest().orElseThrow());
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, true), last.model().sourceTokenizer());
    }

    @Test
    void trainsReportsAndResumes() throws IOException {
        Path train = corpus("train.csv", 40, 1);
        Path valid = corpus("valid.csv", 10, 2);
        Path output = dir.resolve("run");

        CliRun first = CliRun.of(args(train, valid, output, "--epochs", "2"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().startsWith("epoch  train loss  valid loss  valid ppl"), first.out());
        assertEquals(2, first.out().lines().filter(l -> l.matches("\\s+[12]\\s+\\d.*")).count(), first.out());
        assertTrue(first.out().contains("best model: " + output.resolve("checkpoints")), first.out());

        ModelDirectory best = ModelDirectory.load(new Checkpoints(output, 2).best().orElseThrow());
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, true), best.model().sourceTokenizer());
        assertEquals(16, best.model().config().hiddenSize());

        CliRun again = CliRun.of(args(train, valid, output, "--epochs", "2"));
        assertEquals(Seq2SeqCli.USAGE_ERROR, again.exitCode());
        assertTrue(again.err().contains("already holds a training run; add --resume"), again.err());

        CliRun resumed = CliRun.of(args(train, valid, output, "--epochs", "3", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().lines().anyMatch(l -> l.matches("\\s+3\\s+\\d.*")), resumed.out());
        assertEquals("step-00000015", new Checkpoints(output, 2).latest().orElseThrow().getFileName().toString());
    }

    @Test
    void aModelTrainedOnReversedSourcesReadsThemBackwardsWhenTranslating() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path output = dir.resolve("run");

        CliRun run = CliRun.of(args(train, valid, output, "--epochs", "1", "--reverse-source"));
        assertEquals(0, run.exitCode(), run.err());
        var model = ModelDirectory.load(new Checkpoints(output, 2).best().orElseThrow()).model();
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, true, true), model.sourceTokenizer());
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, true), model.targetTokenizer());
        assertEquals(List.of(".", "drei", "eins"), model.sourceTokenizer().create().tokenize("Eins drei."));
        assertTrue(Files.readString(output.resolve("config.json")).contains("\"reverse-source\" : true"),
                Files.readString(output.resolve("config.json")));
    }

    /** --tokenizer bpe: codes learned jointly on the training pairs, kept in the model, applied and undone. */
    @Test
    void learnsSubwordsAndTranslatesBackIntoWords() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path output = dir.resolve("bpe-run");
        CliRun run = CliRun.of(args(train, valid, output, "--epochs", "1", "--tokenizer", "bpe", "--bpe-merges", "12",
                "--bpe-joint"));
        assertEquals(0, run.exitCode(), run.err());
        Path best = new Checkpoints(output, 2).best().orElseThrow();
        var model = ModelDirectory.load(best).model();
        BpeCodes codes = model.sourceTokenizer().subwords();
        assertEquals(12, codes.size());
        assertEquals(codes, model.targetTokenizer().subwords(), "joint codes");
        assertEquals(codes.text(), Files.readString(best.resolve(ModelDirectory.SOURCE_CODES)));
        List<String> all = new ArrayList<>();
        for (String line : Files.readAllLines(train).subList(1, 21)) {
            all.addAll(List.of(line.split(",")));
        }
        assertEquals(new BpeLearner(12, 2).learn(BpeLearner.countWords(all)), codes, "learned on both sides' words");
        assertTrue(model.targetVocabulary().tokens().stream().anyMatch(t -> t.endsWith("@@")),
                model.targetVocabulary().tokens().toString());

        try (var translator = new org.seq2seq.core.translate.Translator(model,
                org.seq2seq.core.translate.TranslatorOptions.defaults())) {
            assertFalse(translator.options().search().writeUnknown(), "a model of subwords never writes <unk>");
        }
        CliRun translated = CliRun.of("translate", output.toString(), "Eins zwei drei vier.", "--beam", "2");
        assertEquals(0, translated.exitCode(), translated.err());
        assertFalse(translated.out().contains("@@") || translated.out().contains("<unk>"), translated.out());
    }

    @Test
    void fineTunesAModelOfSubwordsKeepingItsShapeAndCodesAndRefusesOthers() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path base = dir.resolve("base");
        assertEquals(0, CliRun.of(args(train, valid, base, "--epochs", "1", "--tokenizer", "bpe", "--bpe-merges", "12",
                "--bpe-joint", "--attention", "dot")).exitCode());
        Path domain = corpus("domain.csv", 20, 3);
        Path tuned = dir.resolve("tuned");
        CliRun run = CliRun.of("train", domain.toString(), tuned.toString(), "--valid", valid.toString(), "--init-from",
                base.toString(), "--epochs", "1", "--batch-size", "8", "--learning-rate", "0.0003");
        assertEquals(0, run.exitCode(), run.err());
        var before = ModelDirectory.load(new Checkpoints(base, 2).best().orElseThrow()).model();
        var after = ModelDirectory.load(new Checkpoints(tuned, 2).best().orElseThrow()).model();
        assertTrue(after.sameTokens(before), "vocabularies, tokenizer and BPE codes kept");
        assertEquals(before.config(), after.config());
        String saved = Files.readString(tuned.resolve(TrainCommand.RUN_CONFIG));
        assertTrue(saved.contains("\"embedding\" : 8") && saved.contains("\"attention\" : \"dot\"")
                && saved.contains("\"tokenizer\" : \"bpe\"") && saved.contains("\"learning-rate\" : 3.0E-4"),
                "the saved options are the model's shape and the run's own rate: " + saved);

        CliRun shape = CliRun.of("train", domain.toString(), dir.resolve("t2").toString(), "--init-from",
                base.toString(), "--hidden", "32", "--feed-context");
        assertEquals(2, shape.exitCode());
        assertTrue(shape.err().contains("hidden 32 (the model's: 16), feed-context true (the model's: false)"),
                shape.err());
        CliRun tokenizer = CliRun.of("train", domain.toString(), dir.resolve("t3").toString(), "--init-from",
                base.toString(), "--tokenizer", "word");
        assertEquals(2, tokenizer.exitCode());
        assertTrue(tokenizer.err().contains("--tokenizer word: " + base + " reads bpe"), tokenizer.err());
        CliRun merges = CliRun.of("train", domain.toString(), dir.resolve("t4").toString(), "--init-from",
                base.toString(), "--bpe-merges", "20");
        assertEquals(2, merges.exitCode());
        assertTrue(merges.err().contains("BPE settings (the model's BPE codes are kept)"), merges.err());
        CliRun missing = CliRun.of("train", domain.toString(), dir.resolve("t5").toString(), "--init-from",
                dir.resolve("nothing").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nothing: no such model directory"), missing.err());
        CliRun alone = CliRun.of("train", domain.toString(), dir.resolve("t6").toString(), "--add-tokens");
        assertEquals(2, alone.exitCode());
        assertTrue(alone.err().contains("--add-tokens adds tokens to the model a run starts from: it needs --init-from"),
                alone.err());
        assertFalse(Files.exists(dir.resolve("t2")) || Files.exists(dir.resolve("t4")), "nothing written");
    }

    /** --spark-master local[2]: the same run with its steps on Spark in this JVM; resumable without Spark. */
    @Test
    void trainsWithItsStepsOnSparkAndResumesWithoutIt() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path output = dir.resolve("spark-run");
        CliRun run = CliRun.of(args(train, valid, output, "--epochs", "1", "--spark-master", "local[2]",
                "--spark-replicas", "2", "--spark-sync-every", "3"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(output.resolve("config.json")).contains("\"spark-master\" : \"local[2]\""));
        CliRun resumed = CliRun.of(args(train, valid, output, "--epochs", "2", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(2, ModelDirectory.load(new Checkpoints(output, 2).latest().orElseThrow()).model().graph()
                .getEpochCount() + 1, "the second epoch ran on this machine");
        CliRun partitionsAlone = CliRun.of(args(train, valid, dir.resolve("x"), "--spark-partitions", "2"));
        assertEquals("error: --spark-replicas needs --spark-master", partitionsAlone.err().strip());
        CliRun negative = CliRun.of(args(train, valid, dir.resolve("y"), "--spark-master", "local[2]",
                "--spark-average-every", "-1"));
        assertEquals(2, negative.exitCode());
        assertEquals("error: --spark-average-every must be at least 0, got -1", negative.err().strip());
        assertFalse(Files.exists(dir.resolve("y")), "nothing written");
        CliRun cluster = CliRun.of(args(train, valid, dir.resolve("z"), "--spark-master", "yarn"));
        assertEquals(2, cluster.exitCode());
        assertEquals("error: --spark-master yarn: give --spark-replicas N on a cluster, one replica per executor (with "
                + "spark.task.cpus set to its cores); Spark's default parallelism counts only the executors "
                + "registered so far", cluster.err().strip());
        assertFalse(Files.exists(dir.resolve("z")), "nothing written");
    }

    /**
     * A standalone master that does not answer is one line, before anything is written; Spark
     * alone would retry for a minute with a stack trace at each try, then train without a cluster.
     */
    @Test
    void aSparkMasterThatDoesNotAnswerIsOneLineBeforeAnythingIsWritten() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();                                  // closed again: nobody listens there
        }
        Path output = dir.resolve("no-master");
        long start = System.nanoTime();
        CliRun run = CliRun.of(args(train, valid, output, "--spark-master", "spark://127.0.0.1:" + port));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: --spark-master spark://127.0.0.1:" + port + ": no Spark master answers at 127.0.0.1:"
                + port + " (connection refused); start one (scripts/spark-standalone.sh) or check the address",
                run.err().strip());
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertFalse(Files.exists(output), "nothing is written");

        CliRun malformed = CliRun.of(args(train, valid, output, "--spark-master", "spark://127.0.0.1"));
        assertEquals(2, malformed.exitCode());
        assertEquals("error: --spark-master spark://127.0.0.1: expected spark://HOST:PORT (or several HOST:PORT "
                + "separated by commas), got '127.0.0.1'", malformed.err().strip());
        assertFalse(Files.exists(output), "nothing is written");
    }

    @Test
    void readsCorporaAtHadoopLocationsThroughSparkAndRefusesThemWithoutIt() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path output = dir.resolve("hadoop-run");
        String trainUri = train.toUri().toString();                      // file:///…/train.csv, read by Hadoop
        String validUri = valid.toUri().toString();
        String[] base = {"train", trainUri, output.toString(), "--valid", validUri, "--embedding", "8", "--hidden",
            "16", "--batch-size", "8", "--min-freq", "1", "--lowercase", "--epochs", "1"};
        CliRun run = CliRun.of(concat(base, "--spark-master", "local[2]"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(train), Files.readString(output.resolve(".corpora/train.csv")));
        assertEquals(Files.readString(valid), Files.readString(output.resolve(".corpora/valid.csv")));
        assertTrue(Files.readString(output.resolve("config.json")).contains("\"corpus\" : \"" + trainUri + "\""),
                "the run records where the corpus is, for --resume");
        assertTrue(new Checkpoints(output, 2).latest().isPresent());

        CliRun missing = CliRun.of(concat(new String[] {"train", trainUri + ".missing", dir.resolve("m").toString(),
            "--spark-master", "local[2]"}));
        assertEquals(Seq2SeqCli.USAGE_ERROR, missing.exitCode());
        assertEquals("error: " + trainUri + ".missing: no such file", missing.err().lines()
                .filter(l -> l.startsWith("error:")).findFirst().orElse(missing.err()));

        CliRun withoutSpark = CliRun.of(concat(base));
        assertEquals(Seq2SeqCli.USAGE_ERROR, withoutSpark.exitCode());
        assertEquals("error: CORPUS " + trainUri + ": a Hadoop location needs --spark-master (it is read with "
                + "Spark's Hadoop configuration); give a local file otherwise", withoutSpark.err().strip());
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void bpeOptionsNeedTheBpeTokenizerAndReadableCodes() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        CliRun merges = CliRun.of(args(train, valid, dir.resolve("a"), "--bpe-merges", "100"));
        assertEquals(2, merges.exitCode());
        assertEquals("error: --bpe-merges needs --tokenizer bpe", merges.err().strip());
        Path missing = dir.resolve("missing.bpe");
        CliRun codes = CliRun.of(args(train, valid, dir.resolve("b"), "--tokenizer", "bpe", "--bpe-codes",
                missing.toString()));
        assertEquals(2, codes.exitCode());
        assertEquals("error: " + missing + ": no such BPE codes file", codes.err().strip());
        assertFalse(Files.exists(dir.resolve("b")));
        CliRun both = CliRun.of(args(train, valid, dir.resolve("c"), "--tokenizer", "bpe", "--bpe-codes",
                missing.toString(), "--bpe-joint"));
        assertEquals("error: --bpe-codes gives the codes: leave out --bpe-merges and --bpe-joint", both.err().strip());
    }

    @Test
    void saysWhatIsWrongWithAResume() throws IOException {
        Path train = corpus("train.csv", 10, 1);
        CliRun nothing = CliRun.of(args(train, train, dir.resolve("empty"), "--resume"));
        assertEquals(Seq2SeqCli.USAGE_ERROR, nothing.exitCode());
        assertTrue(nothing.err().contains("holds no training run to resume"), nothing.err());

        Path output = dir.resolve("run");
        assertEquals(0, CliRun.of(args(train, train, output, "--epochs", "1")).exitCode());
        Path latest = new Checkpoints(output, 2).latest().orElseThrow();
        Files.delete(latest.resolve(ModelDirectory.TARGET_VOCABULARY));
        CliRun broken = CliRun.of(args(train, train, output, "--resume"));
        assertEquals(Seq2SeqCli.USAGE_ERROR, broken.exitCode());
        assertEquals("error: " + latest + ": incomplete: target.vocab is missing", broken.err().strip());
    }

    /** What goes wrong with a prepared corpus is one line naming the file, with exit code 2. */
    @Test
    void aDamagedShardOrAChangedCorpusIsOneLineOnResume() throws IOException {
        Path train = corpus("train.csv", 40, 1);
        Path output = dir.resolve("run");
        assertEquals(0, CliRun.of(args(train, train, output, "--epochs", "1", "--shards", "2")).exitCode());
        Path shard = output.resolve("corpus").resolve("shard-00001.bin");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[40] ^= 1;
        Files.write(shard, bytes);
        CliRun damaged = CliRun.of(args(train, train, output, "--epochs", "2", "--resume"));
        assertEquals(Seq2SeqCli.USAGE_ERROR, damaged.exitCode(), damaged.out());
        assertEquals("error: " + shard + ": corrupt shard at byte 0: bytes 0-" + (bytes.length - 4 - 32 - 1)
                + " fail their checksum; delete the prepared corpus's directory to prepare it again",
                damaged.err().strip());

        bytes[40] ^= 1;
        Files.write(shard, bytes);
        String text = Files.readString(train);
        Files.writeString(train, text + "ein hund .,a dog .\n");
        CliRun changed = CliRun.of(args(train, train, output, "--epochs", "2", "--resume"));
        assertEquals(Seq2SeqCli.USAGE_ERROR, changed.exitCode(), changed.out());
        assertTrue(changed.err().strip().matches("error: " + java.util.regex.Pattern.quote(train.toString())
                + ": the training corpus changed since it was prepared in .* \\(\\d+ bytes then, \\d+ now\\); "
                + "resuming would mix two corpora: restore the file, or start a new run"), changed.err());

        Files.writeString(train, text);
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(shard);
        CliRun resumed = CliRun.of(args(train, train, output, "--epochs", "2", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(written, Files.getLastModifiedTime(shard), "resumed from the shards it had, not prepared again");
    }

    @Test
    void leavesPerEpochFiguresAChartAndItsEffectiveOptions() throws IOException {
        Path train = corpus("train.csv", 40, 1);
        Path valid = corpus("valid.csv", 10, 2);
        Path output = dir.resolve("run");
        CliRun run = CliRun.of(args(train, valid, output, "--epochs", "2", "--valid-bleu", "6", "--select-by",
                "BLEU"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("epoch  train loss  valid loss  valid ppl  valid BLEU"), run.out());

        java.util.List<String> csv = Files.readAllLines(output.resolve("training.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("epoch,steps,train_loss,valid_loss,valid_perplexity,valid_bleu,"));
        double bleu = Double.parseDouble(csv.get(2).split(",")[5]);
        assertTrue(bleu >= 0 && bleu <= 100, csv.get(2));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(output.resolve("training.png").toFile());
        assertEquals(800, png.getWidth());

        com.fasterxml.jackson.databind.JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(output.resolve("config.json").toFile());
        assertEquals(16, saved.get("hidden").asInt());
        assertEquals("bleu", saved.get("select-by").asText());
        assertEquals(train.toAbsolutePath().toString(), saved.get("corpus").asText());
        assertTrue(saved.get("lowercase").asBoolean());
        Path best = new Checkpoints(output, 2).best().orElseThrow();
        assertTrue(ModelDirectory.load(best).documentNames().contains("config.json"));
    }

    @Test
    void readsOptionsFromAConfigFileWhichTheCommandLineOverrides() throws IOException {
        Path train = corpus("train.csv", 20, 1);
        Path valid = corpus("valid.csv", 5, 2);
        Path yaml = dir.resolve("train.yaml");
        Files.writeString(yaml, "# a run described in YAML\n"
                + "corpus: " + train + "\n"
                + "output-dir: " + dir.resolve("from-yaml") + "\n"
                + "valid: " + valid + "\n"
                + "embedding: 8\nhidden: 12\nbatch-size: 8\nmin-freq: 1\nlowercase: true\nepochs: 1\n"
                + "valid-bleu: 0\n");
        CliRun run = CliRun.of("train", "--config", yaml.toString(), "--hidden", "16");
        assertEquals(0, run.exitCode(), run.err());
        ModelDirectory model = ModelDirectory.load(new Checkpoints(dir.resolve("from-yaml"), 2).best().orElseThrow());
        assertEquals(16, model.model().config().hiddenSize(), "the command line wins");
        assertEquals(8, model.model().config().embeddingSize(), "the file gives the rest");
        assertTrue(model.model().sourceTokenizer().lowercase());

        // the saved effective options are a config file themselves: the same run again elsewhere
        CliRun again = CliRun.of("train", "--config", dir.resolve("from-yaml").resolve("config.json").toString(),
                train.toString(), dir.resolve("from-json").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(16, ModelDirectory.load(new Checkpoints(dir.resolve("from-json"), 2).best().orElseThrow())
                .model().config().hiddenSize());
    }
}
