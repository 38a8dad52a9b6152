package org.seq2seq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingRun;
import org.seq2seq.core.train.TrainingState;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.spark.replica.ReplicaOptions;
import org.seq2seq.spark.replica.ReplicaRunner;

/**
 * A whole training run whose steps Spark takes ({@code local[2]}): the single-machine run's
 * parameters, its checkpoint format, and an exact resume.
 */
class SparkTrainingRunTest {
    @TempDir
    Path dir;

    private static TrainingRun.Builder run(Path corpus, Path output, int epochs) {
        return TrainingRun.builder(corpus, output).validation(corpus).validationBleu(10).minFrequency(1)
                .shape(ModelShape.builder().embeddingSize(8).hiddenSize(16).feedContext(true).bidirectional(true)
                        .attention(Attention.GENERAL).build())
                .training(TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(epochs).patience(0)
                        .build());
    }

    private static float[] latestParameters(Path output) throws IOException {
        return ModelDirectory.load(new RunDirectory(output).latest().orElseThrow()).model().graph().params()
                .toFloatVector();
    }

    @Test
    void trainsAsOneMachineDoesSavesTheSameCheckpointsAndResumesExactly() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        TrainingState alone = run(corpus, dir.resolve("alone"), 2).build().run();
        float[] local = latestParameters(dir.resolve("alone"));
        try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]")
                .setAppName("seq2seq-test").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"))) {
            TrainingState onSpark = run(corpus, dir.resolve("spark"), 2)
                    .batchRunner(ReplicaRunner.on(spark, ReplicaOptions.of(2))).build().run();
            assertEquals(alone.steps(), onSpark.steps());
            float[] distributed = latestParameters(dir.resolve("spark"));
            double largest = 0;
            for (int i = 0; i < local.length; i++) {
                largest = Math.max(largest, Math.abs(local[i] - distributed[i]));
            }
            System.out.printf("a run of %d steps on Spark against one machine: largest parameter difference %.3g%n",
                    onSpark.steps(), largest);
            assertTrue(largest < 1e-3, "largest parameter difference " + largest);

            // stopped after one epoch (as when the driver is killed after a checkpoint), resumed for the second
            run(corpus, dir.resolve("resumed"), 1).batchRunner(ReplicaRunner.on(spark, ReplicaOptions.of(2)))
                    .build().run();
            TrainingState resumed = run(corpus, dir.resolve("resumed"), 99).resume(saved -> saved.maxEpochs(2))
                    .batchRunner(ReplicaRunner.on(spark, ReplicaOptions.of(2))).build().run();
            assertEquals(onSpark.steps(), resumed.steps());
            assertArrayEquals(distributed, latestParameters(dir.resolve("resumed")), "resume continues exactly");
        }
        try (Translator translator = Translator.load(dir.resolve("spark"))) {
            List<String> out = translator.translate(List.of("Ein Hund läuft."));
            assertEquals(1, out.size(), "the ordinary Translator loads a run trained on Spark");
        }
    }
}
