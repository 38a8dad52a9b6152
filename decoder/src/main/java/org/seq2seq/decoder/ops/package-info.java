/**
 * Small DL4J and ND4J building blocks the decoder's layers share: wiring a new layer, and
 * replacements for ND4J ops that are slow where the layers need them.
 */
package org.seq2seq.decoder.ops;
