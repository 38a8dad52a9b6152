/**
 * Training on Spark with the parameters on the executors: one long-lived task per executor in a
 * Spark barrier stage holds a replica of the model for many steps, the replicas sum their
 * gradients among themselves by a ring allreduce ({@link org.seq2seq.spark.allreduce}) and apply
 * the same clipped Adam step, and the driver only hands out each step's pairs, collects the
 * losses and, every so many steps, fetches one replica's state for checkpoints and validation.
 * {@link org.seq2seq.spark.replica.ReplicaRunner} is the driver's side, {@link
 * org.seq2seq.spark.replica.Replica} the executor's.
 */
package org.seq2seq.spark.replica;
