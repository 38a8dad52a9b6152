/**
 * The encoder: source token embeddings and a many-to-one LSTM whose last state, at each
 * sentence's true length, is the context vector {@code [batch, hidden]}. Built in its own issue.
 */
package org.seq2seq.encoder;
