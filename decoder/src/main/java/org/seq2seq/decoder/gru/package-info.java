/**
 * The GRU decoder layer for DL4J, written by hand because DL4J has none and SameDiff's {@code gru}
 * op computes wrong gradients in 1.0.0-M2.1.
 *
 * <ul>
 *   <li>{@link org.seq2seq.decoder.gru.GruCell}: the recurrence of PyTorch's {@code nn.GRU}, forward
 *       and backward through time, in plain ND4J;</li>
 *   <li>{@link org.seq2seq.decoder.gru.GruDecoderLayer} (configuration),
 *       {@link org.seq2seq.decoder.gru.GruDecoderParamInitializer} and
 *       {@link org.seq2seq.decoder.gru.GruDecoderLayerImpl} (implementation): the layer in a
 *       {@code ComputationGraph}, its initial state seeded from the context vector;</li>
 *   <li>{@link org.seq2seq.decoder.gru.AppendContextVertex}: the layer's input, each step with the
 *       context vector appended;</li>
 *   <li>{@link org.seq2seq.decoder.gru.GruDecoderStep}: one decoder step for a batch of states,
 *       on a trained layer's parameters, for search.</li>
 * </ul>
 */
package org.seq2seq.decoder.gru;
