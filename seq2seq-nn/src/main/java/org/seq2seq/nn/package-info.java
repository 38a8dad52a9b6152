/**
 * Small DL4J and ND4J building blocks that the encoder's and the decoder's own layers share:
 * wiring a new layer into a network, and replacements for ND4J ops that are slow where the layers
 * need them.
 */
package org.seq2seq.nn;
