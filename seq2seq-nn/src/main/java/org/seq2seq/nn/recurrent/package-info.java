/**
 * What the encoder's LSTM layer and the decoder's GRU layer share as DL4J layers: the options
 * both take (input dropout, variational recurrent dropout, layer normalization) and their
 * builder, the implementation's per-input state (dropout masks, the training pass kept for
 * backprop), the views of a layer's flat parameter array, and the shape of the recurrence's
 * weights.
 */
package org.seq2seq.nn.recurrent;
