/**
 * The decoder: a GRU layer for DL4J, seeded from the context vector, with its own forward pass
 * and backpropagation through time, and the greedy and beam search over its step function.
 * Built in its own issues.
 */
package org.seq2seq.decoder;
