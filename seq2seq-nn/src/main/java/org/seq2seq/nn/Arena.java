package org.seq2seq.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory a layer keeps from its training forward pass to its backward pass: matrices in buffers
 * that live outside DL4J's workspaces (which recycle a layer's working memory as soon as its
 * forward pass returns) and are reused from step to step. Allocating outside the workspaces anew
 * each step costs more than recomputing the forward pass (malloc, zeroing and garbage-collector
 * bookkeeping for every array); reusing a kept buffer costs an array header.
 *
 * <p>The n-th matrix asked for in a cycle lives in the n-th buffer, which grows when a cycle needs
 * more (longer sentences); every matrix starts at the beginning of its buffer (ND4J 1.0.0-M2.1
 * gives row intervals near the end of arrays at an offset a wrong, empty shape).
 * {@link #reset()} starts a new cycle and invalidates the matrices of the previous one. Not
 * thread-safe: one arena per layer instance, used by the thread that trains it.
 *
 * <p>Ownership: the arena owns its buffers as long as its layer lives (a buffer outgrown by a
 * longer batch is dropped, and ND4J frees it once nothing refers to it); a matrix it hands out,
 * and any view of one, may be held by the layer's {@link KeptPass} until the next {@link #reset()}
 * and by nobody else. The package documentation has the whole rule.
 */
public final class Arena {
    private final List<DataBuffer> buffers = new ArrayList<>();
    private int next;

    /** Starts a new cycle: what earlier cycles handed out must no longer be used. */
    public void reset() {
        next = 0;
    }

    /**
     * A zeroed 'c'-ordered matrix of this cycle.
     *
     * @return {@code [rows, columns]}
     */
    public INDArray matrix(DataType dataType, long rows, long columns) {
        long length = rows * columns;
        if (next == buffers.size()) {
            buffers.add(null);
        }
        DataBuffer buffer = buffers.get(next);
        if (buffer == null || buffer.dataType() != dataType || buffer.length() < length) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createBuffer(dataType, length + length / 4, false);   // room for longer batches
            }
            buffers.set(next, buffer);
        }
        next++;
        return Nd4j.create(buffer, new long[] {rows, columns}, new long[] {columns, 1}, 0, 'c', dataType).assign(0);
    }

    /**
     * A zeroed 'c'-ordered matrix from {@code arena}, or when it is null a new one in the current
     * workspace (the usual place of a layer's working memory).
     */
    public static INDArray matrix(Arena arena, DataType dataType, long rows, long columns) {
        return arena == null ? Nd4j.create(dataType, rows, columns) : arena.matrix(dataType, rows, columns);
    }

    /** A copy of {@code source} in this cycle's memory, same shape, 'c' ordered. */
    public INDArray copyOf(INDArray source) {
        long rows = source.size(0);
        INDArray m = matrix(source.dataType(), rows, source.length() / rows);
        return m.assign(source.reshape('c', rows, source.length() / rows)).reshape('c', source.shape());
    }
}
