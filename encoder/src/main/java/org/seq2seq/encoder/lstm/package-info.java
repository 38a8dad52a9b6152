/**
 * The encoder's own LSTM layer: the recurrence ({@link org.seq2seq.encoder.lstm.LstmCell}) with
 * the input projections of all steps in one matrix product and the gates fused, both directions
 * of a bidirectional encoder in one layer, and the vertex that takes a bidirectional encoder's
 * context from it.
 */
package org.seq2seq.encoder.lstm;
