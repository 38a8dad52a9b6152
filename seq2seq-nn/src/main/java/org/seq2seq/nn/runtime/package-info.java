/**
 * How the library's Java loops use more than one processor: {@link org.seq2seq.nn.runtime.Compute}
 * (threads per batch, batches at once) and {@link org.seq2seq.nn.runtime.RangeExecutor} (a range
 * split between the calling thread and helpers, bound to the thread that runs a translator's or a
 * training run's work). The only package of the module with mutable static state (the binding of
 * an executor to a thread, per-thread scratch arrays); results never depend on how many threads
 * ran.
 */
package org.seq2seq.nn.runtime;
