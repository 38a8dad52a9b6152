package org.seq2seq.core.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * Takes one optimisation step of a network on a batch: on this machine ({@link #local}), or on
 * a cluster, where the network's parameters may live between {@link #synchronize} calls. Every runner moves the network
 * as {@link TrainingStep} does, so the {@link Trainer} around it (batches, validation,
 * checkpoints, resume) is the same whatever runs the steps.
 */
@FunctionalInterface
public interface BatchRunner extends AutoCloseable {
    /**
     * @param batch the batch
     * @param step  the number of steps taken before this one (for per-step random streams)
     * @throws NonFiniteLossException when the loss or gradient is NaN or infinite; nothing was updated
     */
    TrainingStep.Result run(PaddedBatch batch, long step);

    /**
     * Brings the network this runner was made for up to date: a runner that keeps the parameters
     * and the optimizer's state elsewhere (replicas on a cluster) copies them into it. Called
     * before the network is read: checkpoints, validation, the end of training.
     */
    default void synchronize() {
    }

    /** Ends whatever the runner started (replicas on a cluster); the network keeps its parameters. */
    @Override
    default void close() {
    }

    /** Makes the runner of a network, with the run's settings. */
    @FunctionalInterface
    interface Factory {
        BatchRunner create(ComputationGraph graph, TrainingConfig config);
    }

    /** Steps on this machine, in float. */
    static Factory local() {
        return (graph, config) -> {
            TrainingStep step = TrainingStep.of(graph, config);
            return (batch, n) -> step.run(batch.toMultiDataSet(DataType.FLOAT));
        };
    }
}
