package org.seq2seq.core.toy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;

/**
 * The toy task: reverse a random sequence of symbols over a 10-symbol alphabet (ids 4 to 13,
 * after the special tokens), 3 to 8 of them unless told otherwise. Training and held-out
 * sequences are disjoint.
 */
public final class ReversalTask {
    public static final int VOCABULARY = 14;

    public final List<EncodedPair> train;
    public final List<EncodedPair> heldOut;

    public ReversalTask(int trainSize, int heldOutSize, long seed) {
        this(trainSize, heldOutSize, seed, 3, 8);
    }

    /** Sequences of {@code minLength} to {@code maxLength} symbols. */
    public ReversalTask(int trainSize, int heldOutSize, long seed, int minLength, int maxLength) {
        Random random = new Random(seed);
        Set<List<Integer>> seen = new HashSet<>();
        List<EncodedPair> all = new ArrayList<>();
        while (all.size() < trainSize + heldOutSize) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            int[] source = new int[length];
            List<Integer> key = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                source[i] = 4 + random.nextInt(10);
                key.add(source[i]);
            }
            if (seen.add(key)) {
                int[] target = new int[length];
                for (int i = 0; i < length; i++) {
                    target[i] = source[length - 1 - i];
                }
                all.add(new EncodedPair(source, target));
            }
        }
        train = List.copyOf(all.subList(0, trainSize));
        heldOut = List.copyOf(all.subList(trainSize, all.size()));
    }

    /**
     * A trained graph of this task as a model whose vocabularies are the words {@code s0} to
     * {@code s9} (ids 4 to 13), read and written as words.
     */
    public static Seq2SeqModel model(ComputationGraph graph, ModelConfig config) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            symbols.add("s" + i);
        }
        Vocabulary vocabulary = Vocabulary.ofTokens(symbols);
        TokenizerSpec words = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        return new Seq2SeqModel(graph, config, vocabulary, vocabulary, words, words);
    }

    /**
     * The share of pairs whose every label (all target tokens and END) is the argmax of the
     * model's output with teacher forcing.
     */
    public static double exactMatch(ComputationGraph graph, List<EncodedPair> pairs) {
        return score(graph, pairs)[0];
    }

    /**
     * The share of labels (target tokens and END) that are the argmax of the model's output with
     * teacher forcing.
     */
    public static double tokenAccuracy(ComputationGraph graph, List<EncodedPair> pairs) {
        return score(graph, pairs)[1];
    }

    /** {exact match, token accuracy}. */
    private static double[] score(ComputationGraph graph, List<EncodedPair> pairs) {
        int correct = 0;
        long tokens = 0;
        long correctTokens = 0;
        for (int from = 0; from < pairs.size(); from += 100) {
            PaddedBatch batch = PaddedBatch.of(pairs.subList(from, Math.min(from + 100, pairs.size())));
            MultiDataSet data = batch.toMultiDataSet(DataType.FLOAT);
            INDArray probabilities = graph.output(false, data.getFeatures(), data.getFeaturesMaskArrays(),
                    data.getLabelsMaskArrays())[0];                                  // [B, V, T]
            INDArray predicted = probabilities.argMax(1);                            // [B, T]
            for (int b = 0; b < batch.size(); b++) {
                boolean all = true;
                for (int t = 0; t < batch.targetLength() && batch.isTargetStep(b, t); t++) {
                    boolean right = predicted.getInt(b, t) == batch.labelId(b, t);
                    all &= right;
                    tokens++;
                    correctTokens += right ? 1 : 0;
                }
                correct += all ? 1 : 0;
            }
        }
        return new double[] {(double) correct / pairs.size(), (double) correctTokens / tokens};
    }
}
