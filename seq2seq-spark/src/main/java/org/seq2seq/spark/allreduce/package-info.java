/**
 * Summing float buffers among Spark tasks without the driver: a ring allreduce over TCP between
 * the tasks of one barrier stage, which find each other through
 * {@code BarrierTaskContext.allGather}. The building block of training whose parameters stay on
 * the executors.
 */
package org.seq2seq.spark.allreduce;
