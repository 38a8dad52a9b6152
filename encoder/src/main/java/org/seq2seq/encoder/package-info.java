/**
 * The encoder: source token embeddings and a many-to-one LSTM, stacked if asked and optionally
 * bidirectional (a forward and a backward LSTM of half the hidden size per layer). Its last
 * hidden state at each sentence's true length is the context vector {@code [batch, hidden]}; its
 * per-step outputs {@code [batch, hidden, sourceLength]} are the memory that attention reads.
 * {@link org.seq2seq.encoder.LstmEncoder} adds it to a DL4J {@code ComputationGraph} under
 * construction and names both results ({@link org.seq2seq.encoder.EncoderOutputs});
 * {@link org.seq2seq.encoder.EncoderConfig} holds its sizes. Its layers and kernels
 * ({@code lstm}) are its own: other modules build them through {@code LstmEncoder}, and run them
 * in the graph it built.
 */
package org.seq2seq.encoder;
