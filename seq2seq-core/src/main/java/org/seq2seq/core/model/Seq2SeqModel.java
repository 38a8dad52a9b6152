package org.seq2seq.core.model;

import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.GruDecoder;
import org.seq2seq.decoder.shortlist.Shortlist;

/**
 * A translation model: the network and everything needed to feed it text and read text back.
 *
 * @param graph             the network of {@link Seq2SeqGraph}, trained or not
 * @param config            its sizes and options
 * @param sourceVocabulary  ids of source tokens; its size is {@code config.sourceVocabularySize()}
 * @param targetVocabulary  ids of target tokens; its size is {@code config.targetVocabularySize()}
 * @param sourceTokenizer   how source sentences are tokenized
 * @param targetTokenizer   how target sentences are tokenized and detokenized
 * @param shortlist         the target tokens a search scores for a sentence, learned for these
 *                          vocabularies ({@code shortlist} command); null when it has none and
 *                          every search scores the whole target vocabulary
 */
public record Seq2SeqModel(ComputationGraph graph, ModelConfig config, Vocabulary sourceVocabulary,
                           Vocabulary targetVocabulary, TokenizerSpec sourceTokenizer,
                           TokenizerSpec targetTokenizer, Shortlist shortlist) {
    /** A model without a shortlist. */
    public Seq2SeqModel(ComputationGraph graph, ModelConfig config, Vocabulary sourceVocabulary,
                        Vocabulary targetVocabulary, TokenizerSpec sourceTokenizer, TokenizerSpec targetTokenizer) {
        this(graph, config, sourceVocabulary, targetVocabulary, sourceTokenizer, targetTokenizer, null);
    }

    /** This model with {@code list} as its shortlist (null: none). */
    public Seq2SeqModel withShortlist(Shortlist list) {
        return new Seq2SeqModel(graph, config, sourceVocabulary, targetVocabulary, sourceTokenizer, targetTokenizer,
                list);
    }

    /**
     * Whether {@code other} reads and writes the same tokens: the same vocabularies and
     * tokenizers, so that ids mean the same in both (averaging and ensembles need it).
     */
    public boolean sameTokens(Seq2SeqModel other) {
        return sourceVocabulary.equals(other.sourceVocabulary) && targetVocabulary.equals(other.targetVocabulary)
                && sourceTokenizer.equals(other.sourceTokenizer) && targetTokenizer.equals(other.targetTokenizer);
    }

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
        if (shortlist != null && (shortlist.sourceVocabularySize() != sourceVocabulary.size()
                || shortlist.targetVocabularySize() != targetVocabulary.size())) {
            throw new IllegalArgumentException(String.format("a shortlist for vocabularies of %d and %d tokens does not "
                    + "fit vocabularies of %d and %d", shortlist.sourceVocabularySize(), shortlist.targetVocabularySize(),
                    sourceVocabulary.size(), targetVocabulary.size()));
        }
        long outputs = ((FeedForwardLayer) graph.getLayer(Seq2SeqGraph.OUTPUT).conf().getLayer()).getNOut();
        if (outputs != config.targetVocabularySize()) {
            throw new IllegalArgumentException("the graph's output layer has " + outputs
                    + " units, the configuration says " + config.targetVocabularySize());
        }
        Attention inGraph = GruDecoder.attention(graph.getConfiguration());
        if (inGraph != config.attention()) {
            throw new IllegalArgumentException("the graph's attention is " + inGraph.name().toLowerCase(Locale.ROOT)
                    + ", the configuration says " + config.attention().name().toLowerCase(Locale.ROOT));
        }
        long parameters = graph.paramTable().values().stream().mapToLong(INDArray::length).sum();
        double expected = config.shape().parameters(config.sourceVocabularySize(), config.targetVocabularySize());
        if (parameters != expected) {
            INDArray embedding = graph.getParam(Seq2SeqGraph.TARGET_EMBEDDING + "_W");
            INDArray recurrent = graph.getParam(Seq2SeqGraph.DECODER + "_Wh");
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the graph has %d parameters (embedding size "
                    + "%d, hidden size %d), the configuration makes %.0f (embedding size %d, hidden size %d, encoder "
                    + "layers %d, decoder layers %d, feed-context %b, bidirectional %b)", parameters,
                    embedding == null ? -1 : embedding.size(1), recurrent == null ? -1 : recurrent.size(0), expected,
                    config.embeddingSize(), config.hiddenSize(), config.encoderLayers(), config.decoderLayers(),
                    config.feedContext(), config.bidirectional()));
        }
    }
}
