package org.seq2seq.nn;

import java.lang.ref.Reference;
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
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(ReduceOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(Variance op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ScalarOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(RandomOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        try {
            return super.exec(op, rng);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(rng);
        }
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        try {
            return super.exec(op, context, rng);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
            Reference.reachabilityFence(rng);
        }
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }
}
