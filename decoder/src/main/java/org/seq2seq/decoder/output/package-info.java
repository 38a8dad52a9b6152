/**
 * The decoder's output layer: a linear projection to the target vocabulary, softmax and the
 * cross-entropy against integer labels, fused so that the logits are computed once per training
 * step and no one-hot label tensor is built.
 */
package org.seq2seq.decoder.output;
