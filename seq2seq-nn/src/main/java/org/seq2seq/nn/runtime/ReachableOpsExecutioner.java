package org.seq2seq.nn.runtime;

import java.lang.ref.Reference;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU executioner, but every op (with the arrays it holds, its {@code dimensions} array
 * among them) and its context stay reachable until the native call has returned. ND4J's own
 * {@code exec(BroadcastOp)} lets them go before the native code reads them (see the package
 * documentation); DL4J's layers, vertices and loss functions run such ops too, for example
 * {@code EmbeddingSequenceLayer}, {@code LastTimeStepVertex} and {@code LSTMHelpers}.
 *
 * <p>The only class of the library compiled against ND4J's CPU backend: {@link SafeExecution}
 * loads it only when that backend is the one running.
 */
final class ReachableOpsExecutioner extends NativeOpExecutioner {
    @Override
    public INDArray exec(Op op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(ReduceOp op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(Variance op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ScalarOp op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(RandomOp op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        return kept(() -> super.exec(op, rng), op, rng);
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        return kept(() -> super.exec(op, context, rng), op, context, rng);
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        return kept(() -> super.exec(op), op);
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        return kept(() -> super.exec(op, context), op, context);
    }

    /** The call's result, with {@code held} (and what it holds) reachable until the call has returned. */
    private static <T> T kept(Supplier<T> call, Object... held) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(held);
        }
    }
}
