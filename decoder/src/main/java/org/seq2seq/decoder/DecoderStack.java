package org.seq2seq.decoder;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.attention.AttentionVertex;
import org.seq2seq.decoder.attention.LuongAttention;
import org.seq2seq.decoder.gru.GruDecoderLayer;
import org.seq2seq.decoder.gru.GruDecoderStep;
import org.seq2seq.decoder.gru.InputProjections;
import org.seq2seq.decoder.output.LogitRows;
import org.seq2seq.decoder.output.ShortlistedSoftmax;
import org.seq2seq.decoder.search.StepScorer;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.RowSoftmax;

/**
 * The trained decoder one step at a time, for search: target embedding (for a float model, the
 * first layer's input projection of every target entry is computed once, {@link InputProjections},
 * and a step reads its rows), one GRU step per layer on the trained parameters
 * ({@link GruDecoderStep}; above the first, each layer reads the one below's output, plus it with
 * residual connections), for a model with attention the attention step of each row over its
 * sentence's encoder outputs ({@link LuongAttention#step}: the hypotheses keep an index into
 * their sentences' outputs, which a selection does not copy), softmax output (the product in
 * ND4J, the bias and log-softmax in Java: {@link RowSoftmax}). It holds views of the graph's
 * parameters, not copies, and does not run the graph ({@link GruDecoder} builds the graph that
 * trains the same parameters). Reads the parameters only, so any number of threads may use one
 * stack.
 *
 * <pre>{@code
 * DecoderStack decoder = DecoderStack.of(graph, config);
 * DecoderStack.States states = decoder.initial(context, memory, sourceMask);
 * StepScorer.Step<DecoderStack.States> step = decoder.step(previousTokens, states);
 * }</pre>
 */
public final class DecoderStack implements StepScorer<DecoderStack.States> {
    /**
     * The most memory the first decoder layer's input projection of every target entry may take
     * ({@link InputProjections}); above it, each step multiplies the embeddings it reads.
     */
    static final long MAX_INPUT_PROJECTION_BYTES = 128L << 20;
    private static final String STEP_WORKSPACE_ID = "seq2seq-decoder-step";
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT).build();
    private final INDArray embeddings;        // [V, E]
    private final GruDecoderStep[] decoders;  // bottom first
    private final InputProjections inputProjections;   // the first layer's, [V, 3H]; null when not kept
    private final boolean residual;
    private final INDArray outputWeights;     // [H, V], row-major
    private final INDArray outputBias;        // [V]
    private final float[] bias;               // [V], on the Java heap
    private volatile float[] heapOutputWeights;   // [H, V] row-major on the Java heap: read on the first shortlist
    private final Attention attention;
    private final LuongAttention.Params attentionParams;   // null without attention

    /**
     * The decoder states of N hypotheses.
     *
     * @param hidden       each decoder layer's GRU states {@code [N, H]}, bottom first
     * @param contextGates each layer's share of the context in its input projection
     *                     {@code [N, 3H]}; null when the model does not feed the context to every step
     * @param memory       each sentence's encoder outputs {@code [B, S, H]}, or null without attention;
     *                     the same array for all states of one search
     * @param keys         general attention's keys of each sentence's source positions
     *                     {@code [B, S, H]} ({@link LuongAttention#keys}), or null
     * @param sourceMask   1 at each sentence's real source positions {@code [B, S]}, or null when
     *                     there is no attention or no padding
     * @param sentences    each hypothesis's sentence: its row of {@code memory} and {@code sourceMask}
     * @param weights      the attention weights of the step that made these states
     *                     {@code [N, S]}; null before the first step, after a selection (no
     *                     search reads them) and without attention
     * @param shortlist    each sentence's output columns, when a step scores only its shortlist
     *                     of target tokens; null when it scores the whole vocabulary
     * @param buffers      the log-probability rows of the search's steps, shared by all its states
     */
    public record States(INDArray[] hidden, INDArray[] contextGates, INDArray memory, INDArray keys, INDArray sourceMask,
                  int[] sentences, INDArray weights, ShortlistedSoftmax shortlist, StepBuffers buffers) {
        States select(int[] rows) {
            int[] selected = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                selected[i] = sentences[rows[i]];
            }
            return new States(pull(hidden, rows), pull(contextGates, rows), memory, keys, sourceMask, selected, null,
                    shortlist, buffers);
        }

        private static INDArray[] pull(INDArray[] layers, int[] rows) {
            if (layers == null) {
                return null;
            }
            INDArray[] pulled = new INDArray[layers.length];
            for (int l = 0; l < layers.length; l++) {
                pulled[l] = Nd4j.pullRows(layers[l], 1, rows);
            }
            return pulled;
        }
    }

    private DecoderStack(ComputationGraph graph, DecoderConfig config) {
        embeddings = graph.getLayer(GruDecoder.EMBEDDING).getParam(DefaultParamInitializer.WEIGHT_KEY);
        decoders = new GruDecoderStep[config.layers()];
        for (int l = 0; l < decoders.length; l++) {
            var layer = graph.getLayer(GruDecoder.layer(l));
            decoders[l] = GruDecoderStep.of((GruDecoderLayer) layer.conf().getLayer(), layer.paramTable());
        }
        inputProjections = embeddings.dataType() == DataType.FLOAT
                && InputProjections.bytes(embeddings.size(0), decoders[0].hiddenSize()) <= MAX_INPUT_PROJECTION_BYTES
                ? decoders[0].inputProjections(embeddings) : null;
        residual = config.residual();
        var output = graph.getLayer(GruDecoder.OUTPUT);
        // DL4J keeps W column-major ([V, H] in memory); a row-major copy makes each step's product
        // read it untransposed, which OpenBLAS runs faster (docs/performance.md), for V·H more floats
        outputWeights = output.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c');
        outputBias = output.getParam(DefaultParamInitializer.BIAS_KEY);
        bias = NativeFloats.read(outputBias);
        attention = config.attention();
        attentionParams = attention.isOn()
                ? AttentionVertex.params(graph.getVertex(GruDecoder.ATTENTION).paramTable(false)) : null;
    }

    /**
     * The decoder of a graph that {@link GruDecoder#addTo} built (or a saved one of its earlier
     * forms), over views of the graph's parameters.
     *
     * @param graph  the trained graph; its decoder parameters are read, never written
     * @param config the decoder's sizes and options, as the graph was built with
     */
    public static DecoderStack of(ComputationGraph graph, DecoderConfig config) {
        return new DecoderStack(graph, config);
    }

    /**
     * The states before the first step.
     *
     * @param context    the encoder's context vectors {@code [B, H]}
     * @param memory     the encoder's per-step outputs {@code [B, S, H]}, or null without attention
     * @param sourceMask 1 at real source positions {@code [B, S]}
     */
    public States initial(INDArray context, INDArray memory, INDArray sourceMask) {
        return initial(context, memory, sourceMask, null);
    }

    /**
     * The states before the first step, each step scoring only each sentence's candidates.
     *
     * @param context    the encoder's context vectors {@code [B, H]}
     * @param memory     the encoder's per-step outputs {@code [B, S, H]}, or null without attention
     * @param sourceMask 1 at real source positions {@code [B, S]}
     * @param candidates each sentence's target ids to score, ascending {@code [B][K_b]}
     *                   ({@link org.seq2seq.decoder.shortlist.Shortlist#candidates}); null for the
     *                   whole vocabulary
     */
    public States initial(INDArray context, INDArray memory, INDArray sourceMask, int[][] candidates) {
        if (candidates != null && candidates.length != context.size(0)) {
            throw new IllegalArgumentException(candidates.length + " candidate lists for " + context.size(0)
                    + " sentences");
        }
        ShortlistedSoftmax shortlist = candidates == null ? null
                : new ShortlistedSoftmax(heapOutputWeights(), bias, (int) outputWeights.size(0), candidates);
        INDArray[] hidden = new INDArray[decoders.length];
        INDArray[] gates = new INDArray[decoders.length];
        for (int l = 0; l < decoders.length; l++) {
            hidden[l] = decoders[l].initialState(context);
            gates[l] = decoders[l].contextGates(context);
        }
        int[] sentences = new int[(int) context.size(0)];
        for (int b = 0; b < sentences.length; b++) {
            sentences[b] = b;
        }
        INDArray keys = memory == null ? null : LuongAttention.keys(attention, attentionParams, memory);
        // a mask without padding (one sentence, or sentences of one length) masks nothing: no step applies it
        INDArray mask = memory == null || sourceMask.minNumber().doubleValue() > 0 ? null : sourceMask;
        return new States(hidden, gates[0] == null ? null : gates, memory, keys, mask, sentences, null, shortlist,
                new StepBuffers());
    }

    /** The output weights {@code [H, V]} row-major on the Java heap, read once. */
    private float[] heapOutputWeights() {
        float[] w = heapOutputWeights;
        if (w == null) {
            synchronized (this) {
                w = heapOutputWeights;
                if (w == null) {
                    w = NativeFloats.read(outputWeights);
                    heapOutputWeights = w;
                }
            }
        }
        return w;
    }

    @Override
    public Step<States> step(int[] previous, States states) {
        // The step's temporaries live in a per-thread workspace, reused from step to step instead of
        // allocated and zeroed each time; what outlives the step (the new states) is copied out.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, STEP_WORKSPACE_ID)) {
            INDArray input = inputProjections == null ? Nd4j.pullRows(embeddings, 1, previous) : null;   // [N, E]
            INDArray[] hidden = new INDArray[decoders.length];                             // L × [N, H]
            for (int l = 0; l < decoders.length; l++) {
                INDArray gates = states.contextGates() == null ? null : states.contextGates()[l];
                hidden[l] = l == 0 && inputProjections != null                             // [N, H]
                        ? decoders[0].next(inputProjections, previous, states.hidden()[0], gates)
                        : decoders[l].next(input, states.hidden()[l], gates);
                input = residual && l > 0 ? hidden[l].add(input) : hidden[l];
            }
            INDArray top = input;                                                          // [N, H]
            INDArray weights = null;                                                       // [N, S]
            if (attention.isOn()) {
                LuongAttention.StepPass pass = LuongAttention.step(attention, attentionParams, top, states.memory(),
                        states.keys(), states.sourceMask(), states.sentences());
                top = pass.output();
                weights = pass.weights().detach();
            }
            int rows = (int) top.size(0);
            int[] best = new int[rows];                                                     // [N]
            int[][] columns = null;                                                         // [N][K]; null: K = V
            float[][] logProbabilities;                                                     // [N][K]
            ShortlistedSoftmax shortlist = states.shortlist();
            if (shortlist == null) {
                logProbabilities = states.buffers().rows(rows, r -> bias.length);
                LogitRows.logSoftmax(Gemm.product(top, outputWeights), bias, logProbabilities, best);   // [N, V]
            } else {
                columns = shortlist.columns(states.sentences());
                int[][] listed = columns;
                logProbabilities = states.buffers().rows(rows, r -> listed[r].length);
                shortlist.logSoftmax(top, states.sentences(), columns, logProbabilities, best);
            }
            for (int l = 0; l < hidden.length; l++) {
                hidden[l] = hidden[l].detach();
            }
            return new Step<>(logProbabilities, new States(hidden, states.contextGates(), states.memory(), states.keys(),
                    states.sourceMask(), states.sentences(), weights, shortlist, states.buffers()), best, columns);
        }
    }

    @Override
    public States select(States states, int[] rows) {
        return states.select(rows);
    }

    /** The weights of the step that made these states {@code [N][S]}; null without attention. */
    @Override
    public float[][] attention(States states) {
        return states.weights() == null ? null : NativeFloats.rows(states.weights());
    }
}
