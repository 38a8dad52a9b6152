package org.seq2seq.spark.replica;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq.corpora.batch.EncodedPair;

/**
 * What the driver and the replicas send each other over their sockets: message kinds, and float
 * arrays as raw little-endian bytes in blocks (no Java serialization of big arrays).
 */
final class Wire {
    /** Driver to replica: the state to start from. */
    static final int STATE = 1;
    /** Driver to replica: one step's pairs. */
    static final int STEP = 2;
    /** Driver to replica: send the state back (rank 0; the others a checksum of it). */
    static final int SYNC = 3;
    /** Driver to replica: as {@link #SYNC}, every rank sending its whole state (tests). */
    static final int SYNC_ALL = 4;
    /** Driver to replica: training is over, end the task. */
    static final int END = 5;

    /** Replica to driver: a step went well; its figures follow. */
    static final int DONE = 10;
    /** Replica to driver: the step's loss or gradient is not finite; nothing was updated. */
    static final int NOT_FINITE = 11;

    private static final int BLOCK = 1 << 16;                      // floats per block

    private Wire() {
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(values.length, BLOCK) * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += BLOCK) {
            int count = Math.min(BLOCK, values.length - from);
            bytes.clear();
            bytes.asFloatBuffer().put(values, from, count);
            out.write(bytes.array(), 0, count * Float.BYTES);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("a float array of length " + length);
        }
        float[] values = new float[length];
        byte[] block = new byte[Math.min(length, BLOCK) * Float.BYTES];
        ByteBuffer bytes = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < length; from += BLOCK) {
            int count = Math.min(BLOCK, length - from);
            in.readFully(block, 0, count * Float.BYTES);
            bytes.clear();
            bytes.asFloatBuffer().get(values, from, count);
        }
        return values;
    }

    static void writePairs(DataOutputStream out, List<EncodedPair> pairs) throws IOException {
        out.writeInt(pairs.size());
        for (EncodedPair p : pairs) {
            writeInts(out, p.source());
            writeInts(out, p.target());
        }
    }

    static List<EncodedPair> readPairs(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<EncodedPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new EncodedPair(readInts(in), readInts(in)));
        }
        return pairs;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }
}
