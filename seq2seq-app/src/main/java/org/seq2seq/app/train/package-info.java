/**
 * Training: one optimisation step ({@link org.seq2seq.app.train.TrainingStep}), validation
 * ({@link org.seq2seq.app.train.Validation}), and the loop with checkpoints, resumption, early
 * stopping and progress ({@link org.seq2seq.app.train.Trainer}).
 */
package org.seq2seq.app.train;
