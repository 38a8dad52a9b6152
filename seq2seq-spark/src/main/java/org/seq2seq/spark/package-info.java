/**
 * Data-parallel training of the library's model on Apache Spark: model replicas live on the
 * executors for the whole run and sum their gradients among themselves
 * ({@link org.seq2seq.spark.replica}, over {@link org.seq2seq.spark.allreduce}), applying the
 * single-machine step (mean over tokens, clipping, Adam) to the whole batch's gradient.
 * {@link org.seq2seq.spark.replica.ReplicaRunner} plugs into the library's
 * {@code TrainingRun}/{@code Trainer}, so batches, validation, checkpoints and resume are the
 * single-machine ones. Corpora at Hadoop locations are read through {@link org.seq2seq.spark.HadoopCorpora}.
 */
package org.seq2seq.spark;
