package org.seq2seq.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.core.toy.TinyModel;

class ModelAverageTest {
    @Test
    void eachParameterIsTheMeanOfTheModels(@TempDir Path dir) throws Exception {
        Path a = TinyModel.copyTo(dir.resolve("a"));
        Seq2SeqModel model = ModelDirectory.load(a).model();
        INDArray original = model.graph().params().dup();
        model.graph().setParams(original.mul(3));
        Path b = dir.resolve("b");
        ModelDirectory.save(model, b);
        model.graph().setParams(original.mul(-0.5));
        Path c = dir.resolve("c");
        ModelDirectory.save(model, c);

        INDArray mean = ModelAverage.of(List.of(a, b, c)).graph().params();
        // (1 + 3 - 0.5) / 3 of each parameter
        assertEquals(0, mean.sub(original.mul(3.5 / 3)).amaxNumber().doubleValue(), 1e-6);
        assertTrue(original.amaxNumber().doubleValue() > 0.1, "the parameters are not all zero");
    }

    @Test
    void modelsOfAnotherShapeAreRefusedNamingTheDirectory(@TempDir Path dir) throws Exception {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        Path other = TinyModel.copyModel("/legacy-models/bidirectional-stacked/", dir.resolve("other"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelAverage.of(List.of(tiny, other)));
        assertTrue(e.getMessage().startsWith(other + ": its configuration "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelAverage.of(List.of(tiny)));
    }

    @Test
    void theLastCheckpointsOfARunOldestFirst(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        for (String step : List.of("step-00000010", "step-00000030", "step-00000020")) {
            TinyModel.copyTo(run.resolve("checkpoints").resolve(step));
        }
        Files.createDirectories(run.resolve("checkpoints").resolve("step-00000040.partial"));   // no manifest
        assertEquals(List.of(run.resolve("checkpoints/step-00000020"), run.resolve("checkpoints/step-00000030")),
                ModelAverage.lastCheckpoints(run, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelAverage.lastCheckpoints(run, 4));
        assertEquals(run + ": 3 checkpoints, fewer than the 4 to average (train with --keep-checkpoints 4 or more)",
                e.getMessage());
    }
}
