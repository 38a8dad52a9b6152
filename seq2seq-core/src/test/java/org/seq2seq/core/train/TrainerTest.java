package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.toy.ReversalTask;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;

class TrainerTest {
    private static final ReversalTask TASK = new ReversalTask(300, 60, 5);

    @TempDir
    Path dir;

    /** A small model with dropout, so that resuming must also reproduce the random numbers. */
    private static Seq2SeqModel newModel(TrainingConfig config) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            symbols.add("s" + i);
        }
        Vocabulary vocabulary = Vocabulary.ofTokens(symbols);
        ModelConfig model = ModelConfig.builder(vocabulary.size(), vocabulary.size()).embeddingSize(8).hiddenSize(16)
                .dropout(0.2).feedContext(true).build();
        ComputationGraph graph = Seq2SeqGraph.create(model, new Adam(config.learningRate()), config.seed(),
                DataType.FLOAT);
        TokenizerSpec words = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        return new Seq2SeqModel(graph, model, vocabulary, vocabulary, words, words);
    }

    private static TrainingConfig.Builder config() {
        // 300 pairs in batches of 32: 10 batches an epoch
        return TrainingConfig.builder().learningRate(0.01).batchSize(32).maxEpochs(3).checkpointEvery(4)
                .keepCheckpoints(2).patience(0).seed(11).logEvery(5);
    }

    private Trainer trainer(TrainingConfig config, Path output) {
        return new Trainer(config, new InMemoryPairs(TASK.train), new InMemoryPairs(TASK.heldOut),
                new Checkpoints(output, config.keepCheckpoints()));
    }

    /** Records every step's loss; throws at a given step to stand for a crash. */
    private static final class Recorder implements Trainer.Listener {
        final List<Double> losses = new ArrayList<>();
        final List<EpochResult> epochs = new ArrayList<>();
        final long crashAt;

        Recorder(long crashAt) {
            this.crashAt = crashAt;
        }

        @Override
        public void step(TrainingState state, TrainingStep.Result result) {
            losses.add(result.loss());
            if (state.steps() == crashAt) {
                throw new IllegalStateException("crash");
            }
        }

        @Override
        public void epoch(EpochResult result) {
            epochs.add(result);
        }
    }

    @Test
    void aResumedRunContinuesTheSameLossCurve() throws IOException {
        TrainingConfig config = config().build();
        Recorder whole = new Recorder(-1);
        TrainingState end = trainer(config, dir.resolve("whole")).listener(whole).train(newModel(config),
                TrainingState.start());
        assertEquals(30, end.steps());
        assertEquals(3, end.history().size());

        // The same run, crashing at step 15: the latest checkpoint is then at step 12, in epoch 2.
        Path output = dir.resolve("crashed");
        Recorder first = new Recorder(15);
        assertThrows(IllegalStateException.class,
                () -> trainer(config, output).listener(first).train(newModel(config), TrainingState.start()));
        Checkpoints.Checkpoint latest = Checkpoints.load(new Checkpoints(output, 2).latest().orElseThrow());
        assertEquals(12, latest.state().steps());
        assertEquals(1, latest.state().epoch());
        assertEquals(2, latest.state().batchesDone());

        Recorder second = new Recorder(-1);
        TrainingState resumed = trainer(latest.config(), output).listener(second)
                .train(latest.model(), latest.state());

        assertEquals(30, resumed.steps());
        List<Double> expected = whole.losses.subList(12, 30);
        assertEquals(expected.size(), second.losses.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), second.losses.get(i), 1e-6 * expected.get(i), "step " + (13 + i));
        }
        for (int e = 0; e < 3; e++) {
            EpochResult a = end.history().get(e);
            EpochResult b = resumed.history().get(e);
            assertEquals(a.trainingLoss(), b.trainingLoss(), 1e-6, "training loss of epoch " + e);
            assertEquals(a.validationLoss(), b.validationLoss(), 1e-6, "validation loss of epoch " + e);
        }
        assertTrue(whole.losses.get(29) < whole.losses.get(0) * 0.8, "the loss should fall: " + whole.losses);
    }

    @Test
    void aStopRequestEndsAfterTheCurrentStepWithACheckpoint() throws IOException {
        TrainingConfig config = config().build();
        Path output = dir.resolve("run");
        Trainer trainer = trainer(config, output);
        trainer.listener(new Trainer.Listener() {
            @Override
            public void step(TrainingState state, TrainingStep.Result result) {
                if (state.steps() == 13) {
                    trainer.requestStop();     // as the Ctrl-C hook does, from any thread
                }
            }
        });
        TrainingState stopped = trainer.train(newModel(config), TrainingState.start());
        assertEquals(13, stopped.steps());
        assertTrue(trainer.stopRequested());
        Checkpoints.Checkpoint latest = Checkpoints.load(new Checkpoints(output, 2).latest().orElseThrow());
        assertEquals(13, latest.state().steps());
        assertEquals(1, latest.state().epoch());
        assertEquals(3, latest.state().batchesDone());
    }

    @Test
    void aStopRequestedWhileAStepCheckpointIsWrittenKeepsThatCheckpoint() throws IOException {
        TrainingConfig config = config().build();           // a step checkpoint every 4 steps, 10 an epoch
        Path output = dir.resolve("run");
        Files.createDirectories(output);
        Path stale = Files.writeString(output.resolve(".latest.txt.k1ll3d.partial"), "step-000");
        Trainer trainer = trainer(config, output);
        trainer.listener(new Trainer.Listener() {
            @Override
            public void step(TrainingState state, TrainingStep.Result result) {
                if (state.steps() == 8) {
                    trainer.requestStop();     // Ctrl-C while step 8's checkpoint is about to be written
                }
            }
        });
        TrainingState stopped = trainer.train(newModel(config), TrainingState.start());
        assertEquals(8, stopped.steps());
        Checkpoints.Checkpoint latest = Checkpoints.load(new Checkpoints(output, 2).latest().orElseThrow());
        assertEquals(8, latest.state().steps());
        assertFalse(Files.exists(stale), "a partial pointer file left by a killed run is cleaned up");
    }

    @Test
    void keepsTheNewestAndTheBestCheckpointsWithPointers() throws IOException {
        TrainingConfig config = config().build();
        Path output = dir.resolve("run");
        TrainingState end = trainer(config, output).train(newModel(config), TrainingState.start());
        Checkpoints checkpoints = new Checkpoints(output, 2);

        assertEquals("step-00000030", checkpoints.latest().orElseThrow().getFileName().toString());
        assertEquals(end.bestCheckpoint(), checkpoints.best().orElseThrow().getFileName().toString());
        List<String> kept;
        try (var files = Files.list(output.resolve(Checkpoints.CHECKPOINTS))) {
            kept = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>(List.of("step-00000028", "step-00000030"));
        if (!expected.contains(end.bestCheckpoint())) {
            expected.add(0, end.bestCheckpoint());
        }
        assertEquals(expected, kept);

        Checkpoints.Checkpoint best = Checkpoints.load(checkpoints.best().orElseThrow());
        assertEquals(config, best.config());
        assertEquals(end.bestValidationLoss(), best.state().history().get(best.state().history().size() - 1)
                .validationLoss());
    }

    @Test
    void aNonFiniteLossStopsWithAClearErrorAndKeepsTheLastGoodCheckpoint() throws IOException {
        TrainingConfig config = config().build();
        Path output = dir.resolve("run");
        Seq2SeqModel model = newModel(config);
        Trainer.Listener poison = new Trainer.Listener() {
            @Override
            public void step(TrainingState state, TrainingStep.Result result) {
                if (state.steps() == 14) {
                    model.graph().params().putScalar(0, Double.NaN);
                }
            }
        };
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> trainer(config, output).listener(poison).train(model, TrainingState.start()));
        Path latest = new Checkpoints(output, 2).latest().orElseThrow();
        assertEquals("step-00000012", latest.getFileName().toString());
        assertTrue(e.getMessage().startsWith("training stopped at epoch 2, batch 5, step 15: the loss became "),
                e.getMessage());
        assertTrue(e.getMessage().contains("the last good checkpoint, " + latest + ", is kept"), e.getMessage());
        Checkpoints.Checkpoint good = Checkpoints.load(latest);
        assertTrue(Double.isFinite(good.model().graph().params().sumNumber().doubleValue()));
    }

    @Test
    void stopsEarlyWhenTheValidationLossStopsImproving() throws IOException {
        // Validation pairs whose targets are unrelated to their sources: learning the training
        // task cannot help with them, and confident predictions make their loss grow.
        List<org.seq2seq.corpora.batch.EncodedPair> noise = new ArrayList<>();
        for (int i = 0; i < TASK.heldOut.size(); i++) {
            noise.add(new org.seq2seq.corpora.batch.EncodedPair(TASK.heldOut.get(i).source(),
                    TASK.heldOut.get((i + 1) % TASK.heldOut.size()).target()));
        }
        TrainingConfig config = config().maxEpochs(20).patience(2).checkpointEvery(0).build();
        Path output = dir.resolve("run");
        TrainingState end = new Trainer(config, new InMemoryPairs(TASK.train), new InMemoryPairs(noise),
                new Checkpoints(output, 2)).train(newModel(config), TrainingState.start());

        assertNotNull(end.stopped(), "should have stopped early");
        assertTrue(end.stopped().startsWith("early stopping: no better validation loss in 2 epochs"), end.stopped());
        int epochs = end.history().size();
        assertTrue(epochs < 20, "epochs: " + epochs);
        double best = end.history().stream().mapToDouble(EpochResult::validationLoss).min().orElseThrow();
        assertEquals(best, end.history().get(epochs - 3).validationLoss());
        assertEquals(end.bestValidationLoss(), best);

        // Resuming an early-stopped run does nothing.
        Checkpoints.Checkpoint latest = Checkpoints.load(new Checkpoints(output, 2).latest().orElseThrow());
        TrainingState again = new Trainer(config, new InMemoryPairs(TASK.train), new InMemoryPairs(noise),
                new Checkpoints(output, 2)).train(latest.model(), latest.state());
        assertEquals(end.steps(), again.steps());
        assertNull(TrainingState.start().stopped());
    }

    @Test
    void selectingByBleuPicksTheBestBleuEpochAndStopsWhenItStopsImproving() throws IOException {
        double[] bleu = {10, 30, 20, 25, 40};                       // scripted validation BLEU per epoch
        int[] calls = {0};
        TrainingConfig config = config().maxEpochs(5).patience(2).checkpointEvery(0)
                .selectBy(TrainingConfig.Selection.BLEU).build();
        Path output = dir.resolve("run");
        Checkpoints checkpoints = new Checkpoints(output, 2);
        TrainingState end = trainer(config, output).bleu(model -> bleu[calls[0]++])
                .train(newModel(config), TrainingState.start());

        assertEquals(4, end.history().size(), "stops after 2 epochs without a better BLEU than epoch 2's");
        assertEquals("early stopping: no better validation BLEU in 2 epochs (best 30.00)", end.stopped());
        assertEquals(30, end.history().get(1).validationBleu());
        assertEquals(Checkpoints.name(end.history().get(1).steps()), end.bestCheckpoint());
        assertEquals(end.bestCheckpoint(), checkpoints.best().orElseThrow().getFileName().toString());
        // the validation loss is measured and reported all the same
        assertTrue(end.history().stream().allMatch(EpochResult::validated));
    }

    @Test
    void selectingByBleuWithoutABleuScorerIsAClearError() {
        TrainingConfig config = config().selectBy(TrainingConfig.Selection.BLEU).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(config, dir.resolve("run")).train(newModel(config), TrainingState.start()));
        assertTrue(e.getMessage().contains("needs validation BLEU"), e.getMessage());
    }
}
