package org.seq2seq.nn.embedding;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.runtime.Scratch;

/**
 * The layer of {@link TokenEmbeddingLayer}: DL4J's forward pass; for float arrays a backward pass
 * in Java. DL4J's computes the forward pass again, multiplies by the mask, copies and zeroes in
 * ND4J ops, and adds the rows in a scatter op that took most of the layer's time (5% of a small
 * model's training step); here the gradient {@code dW [V, E]} is built in a Java array, adding
 * each real step's {@code dL/d(output)} to its id's row, and copied into the gradient view once.
 */
final class TokenEmbeddingLayerImpl extends EmbeddingSequenceLayer {

    TokenEmbeddingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * @param epsilon dL/d(output) {@code [B, E, T]}
     * @return the gradient of {@code W}, and no epsilon (ids have none)
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);          // [V, E]
        if (epsilon.dataType() != DataType.FLOAT || weightGradient.dataType() != DataType.FLOAT || hasBias()
                || epsilon.rank() != 3) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        int batch = (int) epsilon.size(0);
        int size = (int) epsilon.size(1);
        int steps = (int) epsilon.size(2);
        int vocabulary = (int) weightGradient.size(0);
        int[] ids = ids(batch, steps);
        float[] mask = maskArray == null ? null : NativeFloats.read(maskArray);                  // [B, T]
        Scratch scratch = Scratch.forThisThread();          // reused: no garbage of megabytes per step
        float[] dOut = NativeFloats.read(epsilon, scratch.floats(Scratch.INCOMING, batch * size * steps));   // [B, E, T]
        boolean columnMajor = weightGradient.ordering() == 'f';
        float[] dW = scratch.floats(Scratch.GRADIENTS, vocabulary * size);     // [V, E] in the gradient view's order
        Arrays.fill(dW, 0, vocabulary * size, 0f);
        int stride = columnMajor ? 1 : size;                // of an id's row: [V, E] 'c' or 'f'
        int step = columnMajor ? vocabulary : 1;            // between its values
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                float m = mask == null ? 1f : mask[b * steps + t];
                if (m != 0) {
                    int from = b * size * steps + t;
                    int row = ids[b * steps + t] * stride;
                    for (int e = 0; e < size; e++) {
                        dW[row + e * step] += dOut[from + e * steps] * m;
                    }
                }
            }
        }
        NativeFloats.writeInOwnOrder(dW, weightGradient);  // a slice of the layer's flattened gradient
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        return new Pair<>(gradient, null);
    }

    /** The ids of the input, row-major {@code [B, T]} (the forward pass checked them against the vocabulary). */
    private int[] ids(int batch, int steps) {
        int[] ids = input.dup('c').data().asInt();
        if (ids.length != batch * steps) {
            throw new IllegalStateException("embedding layer " + layerId() + ": " + ids.length + " ids for "
                    + batch + " × " + steps + " outputs");
        }
        return ids;
    }
}
