/**
 * The decoder: a GRU layer for DL4J seeded from the context vector ({@code gru}), Luong
 * attention over the encoder's memory as a graph vertex ({@code attention}), the fused softmax
 * output layer and loss ({@code output}), each with its forward pass and backpropagation written
 * by hand and gradient-checked; and greedy and beam search over a one-step scoring interface
 * ({@code search}). Configuration classes are named for what they add to a graph
 * ({@code GruDecoderLayer}, {@code SoftmaxOutputLayer}, {@code AttentionVertex}), their DL4J
 * implementations the same with {@code Impl}.
 */
package org.seq2seq.decoder;
