/**
 * Translation with a trained model: {@link org.seq2seq.core.translate.Translator} (the library
 * API) wires the source tokenizer and vocabulary, the encoder run on its own
 * ({@link org.seq2seq.core.translate.ContextEncoder}), the decoder one step at a time
 * ({@link org.seq2seq.decoder.DecoderStack}) and the searches of
 * {@code org.seq2seq.decoder.search}; it computes nothing itself.
 */
package org.seq2seq.core.translate;
