/**
 * Translation with a trained model: {@link org.seq2seq.core.translate.Translator} (the library
 * API), the encoder run on its own ({@link org.seq2seq.core.translate.ContextEncoder}) and the
 * decoder one step at a time ({@link org.seq2seq.core.translate.ModelStepScorer}) for the searches
 * of {@code org.seq2seq.decoder.search}.
 */
package org.seq2seq.core.translate;
