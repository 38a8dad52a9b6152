package org.seq2seq.corpora.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.OutputPaths;
import org.seq2seq.corpora.batch.EncodedPair;

/**
 * One shard of a {@link PreparedCorpus}: sentence pairs as token ids, little-endian.
 *
 * <pre>
 * header   "S2SPAIRS", int version (1), int token width (2: unsigned shorts, or 4: ints)
 * records  per pair: int source length, int target length, source ids, target ids
 * trailer  int CRC-32C of each block of BLOCK bytes from the file's start to the records' end,
 *          int BLOCK, int blocks, long pairs, long records' end, "S2SEND01"
 * </pre>
 *
 * Reading checks the trailer, every block's checksum, and every length and token id, and names
 * the file and byte offset of the first thing wrong.
 */
public final class ShardFile {
    static final byte[] MAGIC = "S2SPAIRS".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "S2SEND01".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 16;
    static final int TAIL = 32;
    static final int BLOCK = 1 << 20;
    /** The largest shard: one Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private final Path file;
    private final ByteBuffer data;
    private final int width;
    private final long pairs;
    private final long end;

    private ShardFile(Path file, ByteBuffer data, int width, long pairs, long end) {
        this.file = file;
        this.data = data;
        this.width = width;
        this.pairs = pairs;
        this.end = end;
    }

    /**
     * Reads a whole shard into memory and checks its layout and checksums.
     *
     * @throws CorpusException naming the file and the offset of what is wrong
     */
    public static ShardFile read(Path file) {
        ByteBuffer data;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_BYTES) {
                throw corrupt(file, 0, "the shard is " + size + " bytes, more than a shard can hold");
            }
            data = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining()) {
                if (channel.read(data) < 0) {
                    throw corrupt(file, data.position(), "the file ended while being read");
                }
            }
            data.flip();
        } catch (IOException e) {
            throw new CorpusException(file, "the shard cannot be read (" + OutputPaths.reason(e) + ")", e);
        }
        int size = data.limit();
        if (size < HEADER + TAIL || !matches(data, size - END.length, END)) {
            throw corrupt(file, Math.max(0, size - END.length), "no shard trailer (a truncated or foreign file)");
        }
        int t = size - TAIL;
        int block = data.getInt(t);
        int blocks = data.getInt(t + 4);
        long pairs = data.getLong(t + 8);
        long end = data.getLong(t + 16);
        if (block < 1 || blocks < 0 || end < HEADER || pairs < 0
                || end + 4L * blocks + TAIL != size || blocks != (end + block - 1) / block) {
            throw corrupt(file, t, "the trailer does not describe this file (a truncated or foreign file)");
        }
        CRC32C crc = new CRC32C();
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            int to = (int) Math.min(end, (long) from + block);
            crc.reset();
            crc.update(data.slice(from, to - from));
            if ((int) crc.getValue() != data.getInt((int) end + 4 * b)) {
                throw corrupt(file, from, "bytes " + from + "-" + (to - 1) + " fail their checksum");
            }
        }
        if (!matches(data, 0, MAGIC) || data.getInt(8) != VERSION) {
            throw corrupt(file, 0, "not a shard of version " + VERSION);
        }
        int width = data.getInt(12);
        if (width != 2 && width != 4) {
            throw corrupt(file, 12, "token width " + width + " is neither 2 nor 4");
        }
        return new ShardFile(file, data, width, pairs, end);
    }

    public Path file() {
        return file;
    }

    /** Pairs in the shard. */
    public long pairs() {
        return pairs;
    }

    /**
     * The shard's pairs in stored order, each checked against the vocabulary sizes.
     *
     * @throws CorpusException (from the iterator) naming the file and the record's offset when a
     *                         length or token id is out of range
     */
    public Iterator<EncodedPair> pairs(int sourceVocabulary, int targetVocabulary) {
        return new Iterator<>() {
            private int at = HEADER;
            private long read;

            @Override
            public boolean hasNext() {
                if (read == pairs && at != end) {
                    throw corrupt(file, at, "bytes follow the last of the " + pairs + " pairs");
                }
                return read < pairs;
            }

            @Override
            public EncodedPair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int record = at;
                if (at + 8L > end) {
                    throw corrupt(file, record, "pair " + (read + 1) + " of " + pairs + " is missing");
                }
                int sourceLength = data.getInt(at);
                int targetLength = data.getInt(at + 4);
                if (sourceLength < 1 || targetLength < 1
                        || at + 8L + (long) width * (sourceLength + (long) targetLength) > end) {
                    throw corrupt(file, record, "pair lengths " + sourceLength + " and " + targetLength
                            + " do not fit the shard");
                }
                at += 8;
                int[] source = ids(sourceLength, sourceVocabulary, record, "source");
                int[] target = ids(targetLength, targetVocabulary, record, "target");
                read++;
                return new EncodedPair(source, target);
            }

            private int[] ids(int length, int vocabulary, int record, String side) {
                int[] ids = new int[length];
                for (int i = 0; i < length; i++) {
                    int id = width == 2 ? Short.toUnsignedInt(data.getShort(at)) : data.getInt(at);
                    if (id < 0 || id >= vocabulary) {
                        throw corrupt(file, record, side + " token id " + id + " is outside the vocabulary of "
                                + vocabulary);
                    }
                    ids[i] = id;
                    at += width;
                }
                return ids;
            }
        };
    }

    private static boolean matches(ByteBuffer data, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (data.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static CorpusException corrupt(Path file, long offset, String problem) {
        return new CorpusException(file, "corrupt shard at byte " + offset + ": " + problem
                + "; delete the prepared corpus's directory to prepare it again", null);
    }

    /** Writes one shard: the header at once, a record per pair, the trailer on {@link #finish()}. */
    static final class Writer implements AutoCloseable {
        private final OutputStream out;
        private final int width;
        private final CRC32C crc = new CRC32C();
        /** Each finished block's CRC. */
        private ByteBuffer crcs = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
        /** One record, grown for long pairs. */
        private ByteBuffer buffer = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
        private long written;
        private int inBlock;
        private long pairs;

        Writer(OutputStream out, int width) throws IOException {
            this.out = out;
            this.width = width;
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MAGIC).putInt(VERSION).putInt(width);
            write(header.array(), HEADER);
        }

        /**
         * @throws IllegalArgumentException when the shard would pass what a shard can hold (2 GiB;
         *         {@link #read} takes a shard whole): the corpus needs more shards
         */
        void add(EncodedPair pair) throws IOException {
            int bytes = 8 + width * (pair.source().length + pair.target().length);
            if (written + bytes + 4L * (written / BLOCK + 2) + TAIL > MAX_BYTES) {
                throw new IllegalArgumentException("a shard would pass " + MAX_BYTES + " bytes after " + pairs
                        + " pairs: prepare the corpus in more shards (--shards)");
            }
            if (buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocate(Integer.highestOneBit(bytes) * 2).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            buffer.putInt(pair.source().length).putInt(pair.target().length);
            put(pair.source());
            put(pair.target());
            write(buffer.array(), bytes);
            pairs++;
        }

        private void put(int[] ids) {
            for (int id : ids) {
                if (width == 2) {
                    buffer.putShort((short) id);
                } else {
                    buffer.putInt(id);
                }
            }
        }

        /** Writes the trailer; the records end here. */
        void finish() throws IOException {
            if (inBlock > 0) {
                closeBlock();
            }
            out.write(crcs.array(), 0, crcs.position());
            int blocks = crcs.position() / 4;
            ByteBuffer tail = ByteBuffer.allocate(TAIL).order(ByteOrder.LITTLE_ENDIAN);
            tail.putInt(BLOCK).putInt(blocks).putLong(pairs).putLong(written).put(END);
            out.write(tail.array());
            out.flush();
        }

        long pairs() {
            return pairs;
        }

        /** Bytes of header and records so far. */
        long written() {
            return written;
        }

        private void write(byte[] bytes, int length) throws IOException {
            out.write(bytes, 0, length);
            int at = 0;
            while (at < length) {
                int n = Math.min(length - at, BLOCK - inBlock);
                crc.update(bytes, at, n);
                inBlock += n;
                at += n;
                if (inBlock == BLOCK) {
                    closeBlock();
                }
            }
            written += length;
        }

        private void closeBlock() {
            if (!crcs.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(crcs.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                crcs.flip();
                larger.put(crcs);
                crcs = larger;
            }
            crcs.putInt((int) crc.getValue());
            crc.reset();
            inBlock = 0;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
