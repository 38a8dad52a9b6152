/**
 * The decoder. Its public API is this package and {@code search}: {@link
 * org.seq2seq.decoder.GruDecoder} adds the decoder's part to a DL4J graph (teacher-forced
 * training) and names it, {@link org.seq2seq.decoder.DecoderStack} runs the trained decoder one
 * step at a time on the same parameters for greedy, beam and ensemble search ({@code search}),
 * and {@link org.seq2seq.decoder.DecoderConfig} holds its sizes and options. The rest is its own:
 * a GRU layer for DL4J seeded from the context vector ({@code gru}), Luong attention over the
 * encoder's memory as a graph vertex ({@code attention}), the fused softmax output layer and loss
 * ({@code output}), each with its forward pass and backpropagation written by hand and
 * gradient-checked. Configuration classes are named for what they add to a graph
 * ({@code GruDecoderLayer}, {@code SoftmaxOutputLayer}, {@code AttentionVertex}), their DL4J
 * implementations the same with {@code Impl}.
 */
package org.seq2seq.decoder;
