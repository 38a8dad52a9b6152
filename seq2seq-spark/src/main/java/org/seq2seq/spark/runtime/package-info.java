/**
 * What a Spark executor JVM keeps from task to task: each task thread's network, and the native
 * runtime set up once. The module's only mutable static state.
 */
package org.seq2seq.spark.runtime;
