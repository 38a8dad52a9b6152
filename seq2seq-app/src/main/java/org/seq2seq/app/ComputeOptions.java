package org.seq2seq.app;

import org.seq2seq.nn.runtime.Compute;
import picocli.CommandLine.Option;

/** {@code --threads}: how many threads one batch's work is split between. */
final class ComputeOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Threads one batch's work is split between "
            + "(the recurrences, large matrix products, the softmax, the Adam step); results are the same for any "
            + "number. Default: the processors the JVM sees (-XX:ActiveProcessorCount, a container's CPU limit), "
            + "or SEQ2SEQ_THREADS when set.")
    Integer threads;

    /** One worker of {@code --threads} threads, else {@link Compute#defaults()}. */
    Compute compute() {
        if (threads == null) {
            return Compute.defaults();
        }
        OptionChecks.atLeast("--threads", threads, 1);
        return Compute.ofThreads(threads);
    }
}
