/**
 * Training: {@link org.seq2seq.core.train.TrainingRun} (a whole run from corpus files, as
 * {@code train} starts it), {@link org.seq2seq.core.train.TrainingStep} (one Adam step with
 * token-averaged loss and global-norm clipping), {@link org.seq2seq.core.train.Validation} (loss
 * and perplexity), {@link org.seq2seq.core.train.Trainer} (epochs, early stopping, progress
 * through listeners) and {@link org.seq2seq.core.train.Checkpoints} (atomic checkpoints a run
 * resumes from exactly).
 */
package org.seq2seq.core.train;
