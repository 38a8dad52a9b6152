/**
 * Small ND4J building blocks the decoder's layers share, written for speed where ND4J's generic
 * op is slow.
 */
package org.seq2seq.decoder.ops;
