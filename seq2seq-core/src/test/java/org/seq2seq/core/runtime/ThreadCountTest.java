package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * Training steps and decoding give bit-identical results on 1, 2, 3 and 4 threads (more than this
 * machine has is fine: the results may not depend on timing either). The model is large enough
 * that every split in the library makes as many parts as there are threads: batches of 57 rows
 * for the recurrences (parts of 16 rows: {@code Gemm.ALIGN}), its 600 or so target tokens of 1000
 * words for the loss and the output product, 200,000 parameters for the Adam step, 80 to 300
 * hypotheses a step in beam search.
 */
class ThreadCountTest {
    private static final int VOCABULARY = 1000;
    private static final int STEPS = 3;

    private static ModelConfig config(boolean attentionAndLayerNorm) {
        ModelConfig plain = ModelConfig.builder(VOCABULARY, VOCABULARY).embeddingSize(32).hiddenSize(64).build();
        return attentionAndLayerNorm ? ModelConfig.builder(VOCABULARY, VOCABULARY).embeddingSize(32).hiddenSize(64)
                .feedContext(true).bidirectional(true).attention(Attention.parse("general")).encoderLayerNorm(true)
                .decoderLayerNorm(true).build() : plain;
    }

    @ParameterizedTest(name = "attention and layer normalization: {0}")
    @ValueSource(booleans = {false, true})
    void trainingStepsAndTranslationsAreTheSameOnOneToFourThreads(boolean attentionAndLayerNorm) {
        ModelConfig config = config(attentionAndLayerNorm);
        Result one = trainAndTranslate(config, 1);
        assertTrue(one.params.length() > 4 * (1 << 14), "four parts of Adam's blocks");
        for (int threads = 2; threads <= 4; threads++) {
            Result more = trainAndTranslate(config, threads);
            String what = threads + " threads";
            assertEquals(one.losses, more.losses, what + ": losses");
            assertEquals(one.params, more.params, what + ": parameters after " + STEPS + " steps");
            assertEquals(one.greedy, more.greedy, what + ": greedy translations");
            assertEquals(one.beam, more.beam, what + ": beam-5 translations and scores");
        }
    }

    private record Result(List<Double> losses, INDArray params, List<Translation> greedy, List<Translation> beam) {
    }

    private static Result trainAndTranslate(ModelConfig config, int threads) {
        ComputationGraph graph = Seq2SeqGraph.create(config, new Adam(0.01), 5, DataType.FLOAT);
        List<Double> losses = new ArrayList<>();
        try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
            executor.call(() -> {
                TrainingStep step = new TrainingStep(graph, 1.0);
                Random random = new Random(11);
                for (int s = 0; s < STEPS; s++) {
                    losses.add(step.run(batch(random)).loss());
                }
                return null;
            });
        }
        TokenizerSpec words = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        Seq2SeqModel model = new Seq2SeqModel(graph, config, words(), words(), words, words);
        List<String> sources = sentences(new Random(13));
        TranslatorOptions options = TranslatorOptions.defaults().withThreads(threads).withBatchSize(60);
        List<Translation> greedy;
        List<Translation> beam;
        try (Translator translator = new Translator(model, options.withBeamSize(1))) {
            greedy = translator.translateWithScores(sources);
        }
        try (Translator translator = new Translator(model, options.withBeamSize(5))) {
            beam = translator.translateWithScores(sources);
        }
        return new Result(losses, graph.params().dup(), greedy, beam);
    }

    /** 57 pairs of 4 to 12 random words: both masks padded, the last part of the rows shorter. */
    private static MultiDataSet batch(Random random) {
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            pairs.add(new EncodedPair(ids(random, 4 + random.nextInt(9)), ids(random, 4 + random.nextInt(9))));
        }
        return PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT);
    }

    private static int[] ids(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 4 + random.nextInt(VOCABULARY - 4);
        }
        return ids;
    }

    private static List<String> sentences(Random random) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            StringBuilder sentence = new StringBuilder();
            for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
                sentence.append(i == 0 ? "" : " ").append("w").append(4 + random.nextInt(VOCABULARY - 4));
            }
            out.add(sentence.toString());
        }
        return out;
    }

    private static Vocabulary words() {
        List<String> words = new ArrayList<>();
        for (int i = 4; i < VOCABULARY; i++) {
            words.add("w" + i);
        }
        return Vocabulary.ofTokens(words);
    }
}
