/**
 * The encoder: source token embeddings and a many-to-one LSTM, stacked if asked, whose last
 * hidden state at each sentence's true length is the context vector {@code [batch, hidden]}.
 * {@link org.seq2seq.encoder.LstmEncoder} adds it to a DL4J {@code ComputationGraph} under
 * construction; {@link org.seq2seq.encoder.EncoderConfig} holds its sizes.
 */
package org.seq2seq.encoder;
