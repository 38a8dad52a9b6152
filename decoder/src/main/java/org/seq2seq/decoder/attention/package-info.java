/**
 * Luong-style global attention (Luong, Pham and Manning 2015) for the GRU decoder: each decoder
 * output {@code h_t} scores every encoder output {@code h̄_s} (by dot product or a learned bilinear
 * form), the scores are softmaxed over the real source positions, the weighted sum {@code c_t} of
 * the encoder outputs is combined with {@code h_t} as {@code tanh(Wc·[c_t; h_t])}, and that goes
 * to the output layer. {@link org.seq2seq.decoder.attention.LuongAttention} is the arithmetic,
 * forward and backward, for all time steps at once (training) or one step (search);
 * {@link org.seq2seq.decoder.attention.AttentionVertex} puts it into a DL4J
 * {@code ComputationGraph}.
 */
package org.seq2seq.decoder.attention;
