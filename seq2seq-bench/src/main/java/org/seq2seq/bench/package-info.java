/**
 * Speed measurements on synthetic data, comparable with the PyTorch peer's
 * ({@code ../shared/peers/torch_seq2seq.py} {@code --mode train-bench} and {@code decode-bench}):
 * training throughput at fixed settings, decoding throughput, memory and threads.
 */
package org.seq2seq.bench;
