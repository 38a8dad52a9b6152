package org.seq2seq.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelFactory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.model.TiedEmbeddings;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import java.util.Arrays;
import java.util.Map;
import org.seq2seq.decoder.GruDecoder;

/**
 * Starting a training run from a trained model's parameters (fine-tuning on a new domain): the
 * checks that the run asks for the model's shape and tokens, and the model it starts from, with
 * a new optimizer.
 */
final class FineTuning {
    private FineTuning() {
    }

    /**
     * What a run's settings say about the model it starts from; null for what was not set.
     *
     * @param shape         the shape asked for, or null
     * @param tokenizer     the tokenizer asked for (whole words, before BPE), or null
     * @param reverseSource whether the source is to be read backwards, or null
     * @param bpe           whether BPE codes were given or are to be learned
     * @param minFrequency  whether a minimum token frequency was given (it picks the tokens added)
     * @param maxVocabulary whether a largest vocabulary size was given
     * @param addTokens     whether the corpus's tokens the model lacks are to be added to its vocabularies
     */
    record Request(ModelShape shape, TokenizerSpec tokenizer, Boolean reverseSource, boolean bpe,
                   boolean minFrequency, boolean maxVocabulary, boolean addTokens) {
    }

    /**
     * Loads the model at {@code path} (a model directory or a run's best checkpoint) and checks
     * that {@code request} fits it, before anything of the new run is read or written.
     *
     * @throws IllegalArgumentException naming the model and every difference: another shape (but
     *                                  dropout), another tokenizer, BPE or vocabulary settings, or a
     *                                  model of 8-bit weights
     */
    static Seq2SeqModel startingModel(Path path, Request request) throws IOException {
        Path directory = RunDirectory.modelOf(path);
        ModelDirectory.Description description = ModelDirectory.describe(directory);
        if (description.quantized()) {
            throw new IllegalArgumentException(directory + " holds 8-bit weights (made by quantize), which training "
                    + "would round on every save: fine-tune the full-precision model it was made from");
        }
        List<String> differences = new ArrayList<>();
        ModelShape has = description.config().shape();
        if (request.shape() != null) {
            differences.addAll(shapeDifferences(request.shape(), has));
        }
        TokenizerSpec tokenizer = description.sourceTokenizer();
        if (request.tokenizer() != null && (request.tokenizer().kind() != tokenizer.kind()
                || request.tokenizer().lowercase() != tokenizer.lowercase())) {
            differences.add(String.format(Locale.ROOT, "tokenizer %s (the model's: %s)", describe(request.tokenizer()),
                    describe(tokenizer)));
        }
        if (request.reverseSource() != null && request.reverseSource() != tokenizer.reversed()) {
            differences.add("reverse-source " + request.reverseSource() + " (the model's: " + tokenizer.reversed() + ")");
        }
        if (request.bpe()) {
            differences.add("BPE settings (the model's " + (tokenizer.subwords() == null ? "whole words are"
                    : "BPE codes are") + " kept)");
        }
        if (request.minFrequency() && !request.addTokens() || request.maxVocabulary()) {
            differences.add(request.maxVocabulary() ? "a largest vocabulary (the model's vocabularies are kept, and "
                    + "tokens added are every one seen the minimum frequency)"
                    : "a minimum frequency (the model's vocabularies are kept, unless tokens are added)");
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(directory + ": fine-tuning keeps the model's shape, tokenizer and "
                    + "vocabularies, and these were asked otherwise: " + String.join(", ", differences));
        }
        return ModelDirectory.load(directory, false).model();
    }

    /** Each field in which {@code asked} differs from {@code has}, dropout aside, as "field asked (the model's: has)". */
    static List<String> shapeDifferences(ModelShape asked, ModelShape has) {
        List<String> out = new ArrayList<>();
        differ(out, "embedding", asked.embeddingSize(), has.embeddingSize());
        differ(out, "hidden", asked.hiddenSize(), has.hiddenSize());
        differ(out, "encoder-layers", asked.encoderLayers(), has.encoderLayers());
        differ(out, "decoder-layers", asked.decoderLayers(), has.decoderLayers());
        differ(out, "decoder-residual", asked.decoderResidual(), has.decoderResidual());
        differ(out, "decoder-layer-norm", asked.decoderLayerNorm(), has.decoderLayerNorm());
        differ(out, "encoder-layer-norm", asked.encoderLayerNorm(), has.encoderLayerNorm());
        differ(out, "feed-context", asked.feedContext(), has.feedContext());
        differ(out, "bidirectional", asked.bidirectional(), has.bidirectional());
        differ(out, "attention", asked.attention().name().toLowerCase(Locale.ROOT),
                has.attention().name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static void differ(List<String> out, String field, Object asked, Object has) {
        if (!asked.equals(has)) {
            out.add(field + " " + asked + " (the model's: " + has + ")");
        }
    }

    private static String describe(TokenizerSpec spec) {
        return spec.kind().name().toLowerCase(Locale.ROOT) + (spec.subwords() != null ? " with BPE" : "")
                + (spec.lowercase() ? ", lowercased" : "");
    }

    /**
     * The run's training settings for {@code start}: tied embeddings when the model's are tied
     * (its target embedding is its output projection's transpose), so that they stay one matrix.
     *
     * @throws IllegalArgumentException when tying is asked of a model whose two matrices differ
     */
    static TrainingConfig config(Seq2SeqModel start, TrainingConfig asked) {
        boolean tied = tied(start);
        if (asked.tieEmbeddings() && !tied) {
            throw new IllegalArgumentException("tie-embeddings: the model's target embedding and output projection "
                    + "are two different matrices, which fine-tuning cannot make one");
        }
        return tied && !asked.tieEmbeddings() ? asked.toBuilder().tieEmbeddings(true).build() : asked;
    }

    /** Whether the model's target embedding {@code [V, E]} equals its output weights' transpose {@code [E, V]ᵀ}. */
    private static boolean tied(Seq2SeqModel model) {
        if (model.config().embeddingSize() != model.config().hiddenSize()) {
            return false;
        }
        return TiedEmbeddings.of(model.graph()).tied();
    }

    /**
     * A new model of {@code start}'s shape (with {@code dropout}) and tokenizers, holding its
     * parameters, with a fresh Adam at {@code config}'s learning rate and {@code config}'s output
     * regularization. The shortlist is left behind.
     *
     * @param source {@code start}'s source vocabulary, or one that extends it ({@link Vocabulary#extendedWith}):
     *               the new tokens' embeddings are freshly initialised, as a new model's are
     * @param target {@code start}'s target vocabulary, or one that extends it: the new tokens'
     *               embeddings and output weights are freshly initialised (tied embeddings tied again)
     */
    static Seq2SeqModel model(Seq2SeqModel start, double dropout, TrainingConfig config, Vocabulary source,
                              Vocabulary target) {
        requireExtends(source, start.sourceVocabulary(), "source");
        requireExtends(target, start.targetVocabulary(), "target");
        // the start's own configuration: an older model's LSTM implementation lays its parameters out otherwise
        ModelConfig shape = start.config().toBuilder().dropout(dropout).build();
        ModelConfig sized = ModelConfig.builder(source.size(), target.size()).shape(shape.shape())
                .encoderLstm(shape.encoderLstm()).build();
        Seq2SeqModel model = ModelFactory.create(sized, source, target, start.sourceTokenizer(),
                start.targetTokenizer(), config.learningRate(), config.seed());
        ComputationGraph graph = model.graph();
        Map<String, INDArray> params = graph.paramTable();                  // views of the graph's parameters
        if (!params.keySet().equals(start.graph().paramTable().keySet())) {
            throw new IllegalStateException("a new graph of the model's configuration has the parameters "
                    + params.keySet() + ", the model " + start.graph().paramTable().keySet());
        }
        for (Map.Entry<String, INDArray> e : start.graph().paramTable().entrySet()) {
            INDArray from = e.getValue();
            INDArray to = params.get(e.getKey());
            if (Arrays.equals(from.shape(), to.shape())) {
                to.assign(from);
            } else {                        // a vocabulary-sized dimension grew: the old tokens' block
                INDArrayIndex[] block = new INDArrayIndex[from.rank()];
                for (int d = 0; d < block.length; d++) {
                    block[d] = NDArrayIndex.interval(0, from.size(d));
                }
                to.get(block).assign(from);
            }
        }
        if (config.tieEmbeddings()) {
            TiedEmbeddings.of(graph).tie();             // the new tokens' output weights are their embeddings
        }
        GruDecoder.setOutputRegularization(graph, config.labelSmoothing(), config.outputDropout());
        Seq2SeqGraph.setRecurrentDropout(graph, config.recurrentDropout());
        return model;
    }

    private static void requireExtends(Vocabulary extended, Vocabulary original, String side) {
        if (extended.size() < original.size() || !extended.tokens().subList(0, original.size()).equals(original.tokens())) {
            throw new IllegalArgumentException("the " + side + " vocabulary does not extend the model's");
        }
    }
}
