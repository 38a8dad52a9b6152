package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class LayerNormTest {

    @Test
    void rowsGetMeanZeroAndVarianceOneAndTheJavaLoopsAgreeWithTheNd4jOps() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 12).muli(3).addi(2);
        INDArray invStd = Nd4j.create(DataType.DOUBLE, 5, 1);
        INDArray expectedInv = Nd4j.ones(DataType.DOUBLE, 5, 1)
                .divi(Transforms.sqrt(x.var(false, 1).reshape(5, 1).addi(LayerNorm.EPSILON), false));
        float[] floats = NativeFloats.read(x);
        INDArray hat = LayerNorm.normalizeRows(x.dup(), invStd);

        assertTrue(hat.mean(1).amaxNumber().doubleValue() < 1e-12);
        assertEquals(1.0, hat.var(false, 1).getDouble(0), 1e-5);
        assertTrue(expectedInv.equalsWithEps(invStd, 1e-12));
        float[] floatInv = new float[5];
        LayerNorm.normalizeRows(floats, 0, 5, 12, floatInv, 0);
        assertTrue(hat.castTo(DataType.FLOAT).equalsWithEps(NativeFloats.create(floats, 5, 12), 1e-5));

        INDArray d = Nd4j.randn(DataType.DOUBLE, 5, 12);
        INDArray dx = LayerNorm.backwardRows(d, hat, invStd);
        float[] dFloats = NativeFloats.read(d);
        LayerNorm.backwardRows(dFloats, 0, NativeFloats.read(hat), 0, floatInv, 0, 5, 12);
        assertTrue(dx.castTo(DataType.FLOAT).equalsWithEps(NativeFloats.create(dFloats, 5, 12), 1e-5));
        assertTrue(dx.sum(1).amaxNumber().doubleValue() < 1e-10, "shifting a row changes nothing");
    }
}
