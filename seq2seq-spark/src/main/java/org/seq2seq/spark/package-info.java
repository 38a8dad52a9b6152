/**
 * Synchronous data-parallel training of the library's model on Apache Spark: each step, the
 * driver broadcasts the parameters, every partition computes the gradient of its share of the
 * global batch, a {@code treeAggregate} sums them, and the driver applies the sum exactly as
 * single-machine training applies one batch's gradient (mean over tokens, clipping, Adam).
 * {@link org.seq2seq.spark.SparkBatchRunner} plugs into the library's
 * {@code TrainingRun}/{@code Trainer}, so batches, validation, checkpoints and resume are the
 * single-machine ones.
 */
package org.seq2seq.spark;
