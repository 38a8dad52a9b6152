package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.attention.Attention;

/** A training run started from Java, as the command line starts it, on the tiny model's corpus. */
class TrainingRunTest {
    @TempDir
    Path dir;

    private TrainingRun.Builder run(Path corpus, Path output, int epochs) {
        return TrainingRun.builder(corpus, output).validation(corpus).validationBleu(20).minFrequency(1)
                .shape(new ModelShape(8, 16, 1, 0, true, false, Attention.DOT))
                .training(TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(epochs).patience(0)
                        .build())
                .document("notes.json", Map.of("by", "TrainingRunTest"));
    }

    @Test
    void trainsResumesAndLeavesAModelThatTranslates() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        Path output = dir.resolve("run");
        List<Integer> epochsSaved = new java.util.ArrayList<>();
        TrainingState end = run(corpus, output, 2)
                .listener(new Trainer.Listener() {
                    @Override
                    public void epochSaved(TrainingState state) {
                        epochsSaved.add(state.history().size());
                    }
                }).build().run();
        assertEquals(List.of(1, 2), epochsSaved);
        assertEquals(2, end.history().size());
        assertEquals(3, Files.readAllLines(output.resolve(EpochTable.FILE)).size(), "header and two epochs");
        assertTrue(Files.readString(output.resolve("notes.json")).contains("TrainingRunTest"));
        Path best = new RunDirectory(output).best().orElseThrow();
        assertTrue(Files.isRegularFile(best.resolve("notes.json")), "documents go into every checkpoint");

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> run(corpus, output, 2).build().run());
        assertTrue(again.getMessage().contains("already holds a training run"), again.getMessage());

        TrainingState resumed = run(corpus, output, 99).resume(saved -> saved.maxEpochs(3)).build().run();
        assertEquals(3, resumed.history().size(), "the resumed run trains one more epoch, as asked");
        assertEquals(new RunDirectory(output).best().orElseThrow(), Translator.resolve(output),
                "a run directory translates with its best checkpoint");
        assertEquals(Checkpoints.name(resumed.steps()),
                new RunDirectory(output).latest().orElseThrow().getFileName().toString());
    }

    @Test
    void refusesSettingsThatCannotWorkBeforeReadingAnything() {
        Path missing = dir.resolve("missing.csv");
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder(missing, dir.resolve("a"))
                .minFrequency(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder(missing, dir.resolve("b"))
                .training(TrainingConfig.builder().selectBy(TrainingConfig.Selection.BLEU).build()).build());
        assertThrows(IllegalArgumentException.class, () -> new ModelShape(8, 15, 1, 0, false, true, Attention.NONE));
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")));
    }
}
