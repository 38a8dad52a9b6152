package org.seq2seq.corpora.batch;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tensors of one training batch, padded with PAD (id 0, see {@link org.seq2seq.corpora.vocab.SpecialToken}) to the longest sentence of each side.
 * B is the batch size, S the longest source, T the longest target plus one (the
 * {@link TeacherForcing} step for START/END).
 *
 * <p>As a DL4J {@link MultiDataSet} ({@link #toMultiDataSet}):
 * <pre>
 * features[0]      source ids            [B, 1, S]
 * features[1]      decoder input ids     [B, 1, T]   START y1 … yn, then PAD
 * featureMasks[0]  source mask           [B, S]      1 on real tokens, 0 on padding
 * featureMasks[1]  target mask           [B, T]
 * labels[0]        label ids             [B, 1, T]   y1 … yn END, then PAD (for LossSparseMCXENT)
 * labelMasks[0]    target mask           [B, T]      the same as featureMasks[1]
 * </pre>
 * Ids are stored as floating-point numbers, as DL4J's embedding layers and sparse losses expect.
 */
public final class PaddedBatch {
    private final int size;
    private final int sourceLength;
    private final int targetLength;
    /** [B, S] row-major. */
    private final float[] source;
    private final float[] sourceMask;
    /** [B, T] row-major. */
    private final float[] decoderInput;
    private final float[] labels;
    private final float[] targetMask;
    private final long realSourceTokens;
    private final long realTargetTokens;
    private final List<EncodedPair> pairs;

    private PaddedBatch(List<EncodedPair> pairs) {
        this.pairs = List.copyOf(pairs);
        size = pairs.size();
        int s = 0;
        int t = 0;
        for (EncodedPair p : pairs) {
            s = Math.max(s, p.source().length);
            t = Math.max(t, TeacherForcing.steps(p.target().length));
        }
        sourceLength = s;
        targetLength = t;
        source = new float[size * s];
        sourceMask = new float[size * s];
        decoderInput = new float[size * t];
        labels = new float[size * t];
        targetMask = new float[size * t];
        long realSource = 0;
        long realTarget = 0;
        for (int b = 0; b < size; b++) {
            EncodedPair p = pairs.get(b);
            realSource += fill(p.source(), source, sourceMask, b * s);
            int[] in = TeacherForcing.decoderInput(p.target());
            fill(TeacherForcing.labels(p.target()), labels, null, b * t);
            realTarget += fill(in, decoderInput, targetMask, b * t);
        }
        realSourceTokens = realSource;   // the rest stays 0.0: PAD's id, mask off
        realTargetTokens = realTarget;
    }

    /**
     * Pads {@code pairs} (in their order) into one batch.
     *
     * @throws IllegalArgumentException for an empty list
     */
    public static PaddedBatch of(List<EncodedPair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one pair");
        }
        return new PaddedBatch(pairs);
    }

    private static int fill(int[] ids, float[] values, float[] mask, int offset) {
        for (int i = 0; i < ids.length; i++) {
            values[offset + i] = ids[i];
            if (mask != null) {
                mask[offset + i] = 1f;
            }
        }
        return ids.length;
    }

    /** The pairs, in the batch's order (a cluster ships these rather than the padded tensors). */
    public List<EncodedPair> pairs() {
        return pairs;
    }

    /** The batch as DL4J tensors of {@code dataType} (FLOAT for training, DOUBLE for gradient checks). */
    public MultiDataSet toMultiDataSet(DataType dataType) {
        long[] sourceShape = {size, 1, sourceLength};
        long[] targetShape = {size, 1, targetLength};
        INDArray targetMaskArray = Nd4j.create(targetMask, new long[] {size, targetLength}, dataType);
        return new MultiDataSet(
                new INDArray[] {
                    Nd4j.create(source, sourceShape, dataType),
                    Nd4j.create(decoderInput, targetShape, dataType)},
                new INDArray[] {Nd4j.create(labels, targetShape, dataType)},
                new INDArray[] {
                    Nd4j.create(sourceMask, new long[] {size, sourceLength}, dataType),
                    targetMaskArray},
                new INDArray[] {targetMaskArray.dup()});
    }

    /** B: pairs in the batch. */
    public int size() {
        return size;
    }

    /** S: the longest source, in tokens. */
    public int sourceLength() {
        return sourceLength;
    }

    /** T: decoder steps, the longest target plus one. */
    public int targetLength() {
        return targetLength;
    }

    /** Source id of pair {@code b} at position {@code i}, PAD past its end. */
    public int sourceId(int b, int i) {
        return (int) source[b * sourceLength + i];
    }

    /** Decoder input id of pair {@code b} at step {@code t}. */
    public int decoderInputId(int b, int t) {
        return (int) decoderInput[b * targetLength + t];
    }

    /** Label id of pair {@code b} at step {@code t}. */
    public int labelId(int b, int t) {
        return (int) labels[b * targetLength + t];
    }

    /** Whether step {@code t} of pair {@code b}'s target is real (not padding). */
    public boolean isTargetStep(int b, int t) {
        return targetMask[b * targetLength + t] != 0f;
    }

    /** Real source tokens in the batch. */
    public long realSourceTokens() {
        return realSourceTokens;
    }

    /** Real decoder steps in the batch: target tokens plus one END per pair. */
    public long realTargetSteps() {
        return realTargetTokens;
    }

    /** B × S + B × T: positions in the padded tensors. */
    public long paddedPositions() {
        return (long) size * sourceLength + (long) size * targetLength;
    }

    /** Real positions, source and target. */
    public long realPositions() {
        return realSourceTokens + realTargetTokens;
    }
}
