package org.seq2seq.core.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.decoder.attention.Attention;

/**
 * Trains, scores and decodes tiny models for a given time while another thread keeps the garbage
 * collector busy: the conditions under which native memory freed too early shows (ND4J frees an
 * array's memory when the collector finds it unreachable, see {@code org.seq2seq.nn}'s package
 * documentation). A crash kills the process (exit 134 and an {@code hs_err} file); wrong values
 * show as gradients or translations that differ from the first pass over the same input.
 *
 * <p>Each round: double-precision forward and backward passes with padded sources and targets
 * over seven model shapes, four times (the paths gradient checks take, where the CI crash was); float
 * training steps with batches of changing lengths (the kept passes' arenas grow and are reused);
 * greedy and beam decoding with the checked-in tiny model. {@link NativeMemoryStressTest} runs it
 * in a child JVM with a small young generation, so that collections come every few milliseconds.
 *
 * <p>Usage: {@code NativeMemoryStress SECONDS [WORK_DIRECTORY]}; prints one line per round and
 * {@code passed: ...} at the end. The full-length command is in {@code docs/reliability.md}.
 */
public final class NativeMemoryStress {
    private static final List<ModelConfig> SHAPES = List.of(
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).encoderLayers(2).feedContext(true).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).bidirectional(true)
                    .attention(Attention.parse("dot")).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).encoderLayers(2).feedContext(true)
                    .bidirectional(true).attention(Attention.parse("general")).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(true).bidirectional(true)
                    .attention(Attention.parse("general")).decoderLayers(2).decoderResidual(true).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).feedContext(true).bidirectional(true)
                    .attention(Attention.parse("dot")).encoderLayerNorm(true).decoderLayerNorm(true).build(),
            ModelConfig.builder(9, 8).embeddingSize(3).hiddenSize(4).bidirectional(true)
                    .attention(Attention.parse("general")).decoderLayers(2).decoderResidual(false)
                    .decoderLayerNorm(true).build());

    /**
     * How often a round repeats the double-precision passes: they run the most ND4J broadcast ops
     * a second, where the crash was, and decoding takes most of a round's time otherwise.
     */
    private static final int DOUBLE_REPEATS = 4;

    private NativeMemoryStress() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: NativeMemoryStress SECONDS [WORK_DIRECTORY]");
            System.exit(2);
        }
        Duration length = Duration.ofSeconds(Long.parseLong(args[0]));
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("native-memory-stress");
        AtomicLong garbage = startGarbage();
        Summary summary = run(length, work);
        System.out.printf("passed: %d rounds, %d double passes, %d training steps, %d sentences decoded in %ds; "
                        + "%d MB of garbage made%n", summary.rounds, summary.doublePasses, summary.trainingSteps,
                summary.decoded, length.toSeconds(), garbage.get() >> 20);
    }

    /** What a run did. */
    private static final class Summary {
        long rounds;
        long doublePasses;
        long trainingSteps;
        long decoded;
    }

    /** Runs rounds until {@code length} has passed; throws when a pass disagrees with the first. */
    static Summary run(Duration length, Path work) throws IOException {
        long end = System.nanoTime() + length.toNanos();
        Summary summary = new Summary();
        List<ComputationGraph> doubles = new ArrayList<>();
        for (int i = 0; i < SHAPES.size(); i++) {
            doubles.add(Seq2SeqGraph.create(SHAPES.get(i), new NoOp(), 100 + i, DataType.DOUBLE));
        }
        List<MultiDataSet> doubleBatches = List.of(batch(new Random(1), 3, DataType.DOUBLE),
                batch(new Random(2), 5, DataType.DOUBLE));
        double[][] firstScores = new double[doubles.size()][doubleBatches.size()];
        double[][] firstNorms = new double[doubles.size()][doubleBatches.size()];

        ComputationGraph floatModel = Seq2SeqGraph.create(SHAPES.get(3), new Adam(0.01), 7, DataType.FLOAT);
        TrainingStep step = new TrainingStep(floatModel, 1.0);
        Random lengths = new Random(3);

        Path model = TinyModel.copyTo(work.resolve("tiny-model"));
        List<String> sources = TinyModel.validationPairs().stream().map(pair -> pair[0]).toList();
        List<String> firstGreedy;
        List<String> firstBeam;
        try (Translator greedy = Translator.load(model, TranslatorOptions.defaults().withBeamSize(1));
             Translator beam = Translator.load(model, TranslatorOptions.defaults().withBeamSize(5))) {
            firstGreedy = greedy.translate(sources);
            firstBeam = beam.translate(sources.subList(0, 8));
            while (summary.rounds == 0 || System.nanoTime() < end) {
                for (int repeat = 0; repeat < DOUBLE_REPEATS; repeat++) {
                    for (int m = 0; m < doubles.size(); m++) {
                        for (int b = 0; b < doubleBatches.size(); b++) {
                            double[] scoreAndNorm = doublePass(doubles.get(m), doubleBatches.get(b));
                            if (summary.rounds == 0 && repeat == 0) {
                                firstScores[m][b] = scoreAndNorm[0];
                                firstNorms[m][b] = scoreAndNorm[1];
                            } else if (scoreAndNorm[0] != firstScores[m][b] || scoreAndNorm[1] != firstNorms[m][b]) {
                                throw new IllegalStateException(String.format("round %d, model %d, batch %d: score "
                                        + "%s and gradient norm %s, first %s and %s", summary.rounds, m, b,
                                        scoreAndNorm[0], scoreAndNorm[1], firstScores[m][b], firstNorms[m][b]));
                            }
                            summary.doublePasses++;
                        }
                    }
                }
                for (int s = 0; s < 20; s++) {
                    step.run(batch(lengths, 2 + lengths.nextInt(14), DataType.FLOAT));
                    summary.trainingSteps++;
                }
                check("greedy", summary.rounds, firstGreedy, greedy.translate(sources));
                check("beam 5", summary.rounds, firstBeam, beam.translate(sources.subList(0, 8)));
                summary.decoded += sources.size() + 8;
                summary.rounds++;
                System.out.printf("round %d: %d double passes, %d training steps, %d sentences decoded%n",
                        summary.rounds, summary.doublePasses, summary.trainingSteps, summary.decoded);
            }
        }
        return summary;
    }

    /**
     * The training forward and backward pass GradientCheckUtil makes, then the score of a
     * training forward pass on the same batch.
     *
     * @return the score and the gradient's L2 norm
     */
    private static double[] doublePass(ComputationGraph graph, MultiDataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        return new double[] {graph.score(batch, true), graph.gradient().gradient().norm2Number().doubleValue()};
    }

    private static void check(String search, long round, List<String> first, List<String> now) {
        if (!first.equals(now)) {
            throw new IllegalStateException(search + " translations of round " + round + " differ from the first: "
                    + now + " against " + first);
        }
    }

    /**
     * Random pairs of 1 to {@code longest} tokens on each side (ids 4 to 7 of the shapes' 8 and 9
     * word vocabularies), so that both masks have padding.
     */
    private static MultiDataSet batch(Random random, int longest, DataType type) {
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pairs.add(new EncodedPair(ids(random, 1 + random.nextInt(longest)), ids(random, 1 + random.nextInt(longest))));
        }
        return PaddedBatch.of(pairs).toMultiDataSet(type);
    }

    private static int[] ids(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 4 + random.nextInt(4);
        }
        return ids;
    }

    /**
     * A daemon thread that makes garbage as fast as it can (64 KB arrays, the last 16 kept), so
     * that the young generation fills and is collected every few milliseconds.
     *
     * @return the bytes made so far
     */
    private static AtomicLong startGarbage() {
        AtomicLong made = new AtomicLong();
        Thread thread = new Thread(() -> {
            byte[][] kept = new byte[16][];
            for (long i = 0; ; i++) {
                kept[(int) (i & 15)] = new byte[64 * 1024];
                made.addAndGet(64 * 1024);
            }
        }, "garbage");
        thread.setDaemon(true);
        thread.start();
        Nd4j.getRandom().setSeed(1);
        return made;
    }
}
