package org.seq2seq.core.model;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.corpora.vocab.Vocabulary;

/** Makes new, untrained models: the one place where a model's graph is built from its parts. */
public final class ModelFactory {
    private ModelFactory() {
    }

    /**
     * A model with freshly initialised parameters (float, seeded) and an Adam updater.
     *
     * @param sourceTokenizer how source text is split (and whether it is read backwards)
     * @param targetTokenizer how target text is split and joined
     * @throws IllegalArgumentException if a vocabulary holds only the special tokens
     */
    public static Seq2SeqModel create(ModelShape shape, Vocabulary source, Vocabulary target,
                                      TokenizerSpec sourceTokenizer, TokenizerSpec targetTokenizer,
                                      double learningRate, long seed) {
        Objects.requireNonNull(shape, "shape");
        for (Vocabulary v : new Vocabulary[] {source, target}) {
            if (v.size() <= SpecialToken.values().length) {
                throw new IllegalArgumentException("the " + (v == source ? "source" : "target") + " vocabulary "
                        + "holds only the special tokens");
            }
        }
        return create(shape.config(source.size(), target.size()), source, target, sourceTokenizer, targetTokenizer,
                learningRate, seed);
    }

    /**
     * A model of exactly {@code config} (its LSTM implementation included, as an older model's
     * configuration may name another than new models use) with freshly initialised parameters.
     *
     * @throws IllegalArgumentException if the vocabularies' sizes are not the configuration's
     */
    public static Seq2SeqModel create(ModelConfig config, Vocabulary source, Vocabulary target,
                                      TokenizerSpec sourceTokenizer, TokenizerSpec targetTokenizer,
                                      double learningRate, long seed) {
        ComputationGraph graph = Seq2SeqGraph.create(config, new Adam(learningRate), seed, DataType.FLOAT);
        return new Seq2SeqModel(graph, config, source, target, sourceTokenizer, targetTokenizer);
    }
}
