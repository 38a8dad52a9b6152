package org.seq2seq.core.model;

import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.attention.AttentionVertex;

/**
 * A translation model: the network and everything needed to feed it text and read text back.
 *
 * @param graph             the network of {@link Seq2SeqGraph}, trained or not
 * @param config            its sizes and options
 * @param sourceVocabulary  ids of source tokens; its size is {@code config.sourceVocabularySize()}
 * @param targetVocabulary  ids of target tokens; its size is {@code config.targetVocabularySize()}
 * @param sourceTokenizer   how source sentences are tokenized
 * @param targetTokenizer   how target sentences are tokenized and detokenized
 */
public record Seq2SeqModel(ComputationGraph graph, ModelConfig config, Vocabulary sourceVocabulary,
                           Vocabulary targetVocabulary, TokenizerSpec sourceTokenizer,
                           TokenizerSpec targetTokenizer) {
    public Seq2SeqModel {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sourceTokenizer, "sourceTokenizer");
        Objects.requireNonNull(targetTokenizer, "targetTokenizer");
        if (sourceVocabulary.size() != config.sourceVocabularySize()
                || targetVocabulary.size() != config.targetVocabularySize()) {
            throw new IllegalArgumentException(String.format(
                    "vocabularies of %d and %d tokens do not fit a model configured for %d and %d",
                    sourceVocabulary.size(), targetVocabulary.size(), config.sourceVocabularySize(),
                    config.targetVocabularySize()));
        }
        long outputs = ((FeedForwardLayer) graph.getLayer(Seq2SeqGraph.OUTPUT).conf().getLayer()).getNOut();
        if (outputs != config.targetVocabularySize()) {
            throw new IllegalArgumentException("the graph's output layer has " + outputs
                    + " units, the configuration says " + config.targetVocabularySize());
        }
        Attention inGraph = graph.getConfiguration().getVertices().get(Seq2SeqGraph.ATTENTION)
                instanceof AttentionVertex vertex ? vertex.getAttention() : Attention.NONE;
        if (inGraph != config.attention()) {
            throw new IllegalArgumentException("the graph's attention is " + inGraph.name().toLowerCase(Locale.ROOT)
                    + ", the configuration says " + config.attention().name().toLowerCase(Locale.ROOT));
        }
    }
}
