/**
 * The token embedding layer of the encoder and the decoder: DL4J's {@code EmbeddingSequenceLayer}
 * with a backward pass of its own.
 */
package org.seq2seq.nn.embedding;
