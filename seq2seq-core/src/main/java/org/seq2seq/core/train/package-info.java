/**
 * Training: {@link org.seq2seq.core.train.TrainingStep} (one Adam step with token-averaged loss
 * and global-norm clipping), {@link org.seq2seq.core.train.Validation} (loss and perplexity),
 * {@link org.seq2seq.core.train.Trainer} (epochs, early stopping, progress) and
 * {@link org.seq2seq.core.train.Checkpoints} (atomic checkpoints a run resumes from exactly).
 */
package org.seq2seq.core.train;
