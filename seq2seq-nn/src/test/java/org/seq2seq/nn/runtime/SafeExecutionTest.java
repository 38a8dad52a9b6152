package org.seq2seq.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seq2seq.nn.embedding.TokenEmbeddingLayer;

class SafeExecutionTest {
    /** Puts ND4J's own CPU executioner back, as at start-up, and lets SafeExecution install again. */
    private static void startAfresh() throws ReflectiveOperationException {
        Nd4j.getExecutioner();                                      // ND4J initialised first
        Field executioner = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
        executioner.setAccessible(true);
        executioner.set(null, new NativeOpExecutioner());
        Field installed = SafeExecution.class.getDeclaredField("installed");
        installed.setAccessible(true);
        installed.set(null, false);
    }

    @Test
    void makingAnyOfOurLayersInstallsTheExecutionerThatKeepsOpsReachable() throws ReflectiveOperationException {
        startAfresh();
        assertFalse(SafeExecution.isInstalled());
        TokenEmbeddingLayer.of(5, 3).instantiate(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .layer(TokenEmbeddingLayer.of(5, 3)).build(), java.util.List.of(), 0,
                Nd4j.create(DataType.FLOAT, 1, 15), true, DataType.FLOAT);
        assertTrue(SafeExecution.isInstalled(), Nd4j.getExecutioner().getClass().getName());
        OpExecutioner installed = Nd4j.getExecutioner();
        SafeExecution.install();
        assertSame(installed, Nd4j.getExecutioner(), "once");
    }

    @Test
    void opsComputeAsBefore() {
        SafeExecution.install();
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -1.0, 0.25, 12).reshape('c', 3, 4);
        assertEquals(x.sumNumber().doubleValue(), x.sum(0).sumNumber().doubleValue(), 1e-12);       // reduce along a dimension
        assertEquals(Nd4j.createFromArray(new double[] {3, 3, 3}), x.argMax(1).castTo(DataType.DOUBLE));   // index reduce
        assertEquals(2 * x.getDouble(2, 3), x.mul(2).getDouble(2, 3), 1e-12);                      // scalar
        assertEquals(Math.tanh(x.getDouble(0, 1)), Transforms.tanh(x, true).getDouble(0, 1), 1e-12);   // transform
        assertEquals(x.getDouble(1, 2) + 1, x.addRowVector(Nd4j.ones(DataType.DOUBLE, 1, 4)).getDouble(1, 2), 1e-12);
        assertEquals(4.0, Nd4j.gemm(Nd4j.ones(2, 4), Nd4j.ones(4, 3), false, false).getDouble(1, 2), 0.0);   // custom op
    }
}
