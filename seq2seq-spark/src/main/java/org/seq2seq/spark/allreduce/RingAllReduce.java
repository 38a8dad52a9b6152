package org.seq2seq.spark.allreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seq2seq.core.train.Collective;

/**
 * Sums a float array among N ranks in place, every rank ending with the same bytes: the ring
 * allreduce (Patarasuk and Yuan 2009), as Horovod and NCCL run it. The array is cut into N chunks;
 * in N − 1 steps of reduce-scatter each rank sends one chunk to the next rank and adds the chunk it
 * receives from the previous one, after which rank r holds chunk {@code (r + 1) mod N} summed over
 * all ranks; in N − 1 steps of allgather those sums travel round the ring and overwrite the
 * others. Each rank sends and receives {@code 2 (N − 1) / N} of the array, whatever N, as raw
 * little-endian floats (no Java serialization). Every value of the result is added up once, on one
 * rank, in ring order, then copied: replicas that apply the same update to the sum stay
 * bit-identical. The order differs from a single machine's, so the sum may differ from it in the
 * last bits.
 *
 * <p>Rank r connects to rank {@code (r + 1) mod N} and accepts rank {@code (r − 1) mod N}. Not
 * thread-safe: one ring per task.
 */
public final class RingAllReduce implements Collective, AutoCloseable {
    private final int rank;
    private final int size;
    private final SocketChannel next;      // rank + 1
    private final SocketChannel previous;  // rank − 1
    private final ExecutorService sender;
    /** Floats added at a time as a chunk arrives. */
    private static final int PIECE = 1 << 16;

    /** A chunk on its way out and one coming in (with a float view of the whole); grown as needed, kept. */
    private ByteBuffer out = ByteBuffer.allocateDirect(0);
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private java.nio.FloatBuffer incoming = in.asFloatBuffer();
    private float[] piece = new float[0];

    private RingAllReduce(int rank, int size, SocketChannel next, SocketChannel previous) {
        this.rank = rank;
        this.size = size;
        this.next = next;
        this.previous = previous;
        this.sender = size > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ring-allreduce-send-" + rank);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * A rank's listening socket, opened before the ranks exchange their addresses.
     */
    public static final class Endpoint implements AutoCloseable {
        private final ServerSocketChannel server;
        private final String host;

        private Endpoint(ServerSocketChannel server, String host) {
            this.server = server;
            this.host = host;
        }

        /** {@code HOST:PORT}, for the other ranks. */
        public String address() {
            return host + ":" + server.socket().getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * Opens a rank's listening socket on an ephemeral port.
     *
     * @param host the address the other ranks reach this one at (an executor's host)
     */
    public static Endpoint listen(String host) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(0));
            return new Endpoint(server, Objects.requireNonNull(host, "host"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a socket for the allreduce", e);
        }
    }

    /**
     * Joins the ring: connects to the next rank and accepts the previous one.
     *
     * @param endpoint  this rank's endpoint, from {@link #listen}; closed once the previous rank
     *                  has connected
     * @param rank      this rank, in {@code [0, addresses.size())}
     * @param addresses every rank's {@link Endpoint#address()}, in rank order
     * @param timeout   how long to wait for a neighbour
     * @throws UncheckedIOException naming the rank that could not be reached
     */
    public static RingAllReduce join(Endpoint endpoint, int rank, List<String> addresses, Duration timeout) {
        int size = addresses.size();
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size);
        }
        try (endpoint) {
            if (size == 1) {
                return new RingAllReduce(0, 1, null, null);
            }
            int to = (rank + 1) % size;
            SocketChannel next = connect(addresses.get(to), to, timeout);
            endpoint.server.socket().setSoTimeout((int) timeout.toMillis());
            SocketChannel previous;
            try {
                previous = endpoint.server.socket().accept().getChannel();
            } catch (SocketTimeoutException e) {
                next.close();
                throw new UncheckedIOException("rank " + (rank + size - 1) % size + " did not connect to rank " + rank
                        + " within " + seconds(timeout), e);
            }
            if (previous == null) {                      // accept() of a channel's socket returns one
                throw new IllegalStateException("the accepted socket has no channel");
            }
            next.socket().setTcpNoDelay(true);
            previous.socket().setTcpNoDelay(true);
            return new RingAllReduce(rank, size, next, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("joining the allreduce ring as rank " + rank + " of " + size, e);
        }
    }

    private static SocketChannel connect(String address, int to, Duration timeout) throws IOException {
        int colon = address.lastIndexOf(':');
        InetSocketAddress target = new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(target, (int) Math.max(1, timeout.toMillis()));
                return channel;
            } catch (IOException e) {
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("rank " + to + " at " + address + " did not answer within "
                            + seconds(timeout), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while connecting to rank " + to, interrupted);
                }
            }
        }
    }

    private static String seconds(Duration timeout) {
        return java.math.BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** This rank. */
    @Override
    public int rank() {
        return rank;
    }

    /** N, the ranks in the ring. */
    @Override
    public int size() {
        return size;
    }

    /**
     * The reduce-scatter half: afterwards this rank's chunk, {@code [ownedFrom(n), ownedTo(n))},
     * holds its sum over all ranks (chunk {@code (rank + 1) mod N}); the other chunks hold partial sums.
     */
    @Override
    public void reduceScatter(float[] values) {
        if (size == 1) {
            return;
        }
        int n = values.length;
        buffers(n);
        for (int s = 0; s < size - 1; s++) {
            exchange(values, Math.floorMod(rank - s, size), Math.floorMod(rank - s - 1, size), true);
        }
    }

    /** The allgather half: each rank's chunk travels round the ring and overwrites the others'. */
    @Override
    public void allGather(float[] values) {
        if (size == 1) {
            return;
        }
        int n = values.length;
        buffers(n);
        for (int s = 0; s < size - 1; s++) {
            exchange(values, Math.floorMod(rank + 1 - s, size), Math.floorMod(rank - s, size), false);
        }
    }

    @Override
    public int ownedFrom(int n) {
        return size == 1 ? 0 : chunkStart(n, (rank + 1) % size);
    }

    @Override
    public int ownedTo(int n) {
        return size == 1 ? n : chunkStart(n, (rank + 1) % size + 1);
    }

    /** Grows the chunk buffers to an array of {@code n} values: once per array size, not per call. */
    private void buffers(int n) {
        int longest = n / size + 1;                                      // chunks differ by at most one
        if (in.capacity() < longest * Float.BYTES) {
            out = ByteBuffer.allocateDirect(longest * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            in = ByteBuffer.allocateDirect(longest * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            incoming = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear().asFloatBuffer();
        }
    }

    /**
     * Sends chunk {@code send} to the next rank while receiving chunk {@code receive} from the
     * previous one, and adds ({@code add}) or copies what arrives into {@code values} piece by
     * piece as it arrives, so that the adding overlaps the transfer.
     */
    private void exchange(float[] values, int send, int receive, boolean add) {
        int n = values.length;
        out.clear();
        out.asFloatBuffer().put(values, chunkStart(n, send), chunkLength(n, send));
        out.limit(chunkLength(n, send) * Float.BYTES);
        ByteBuffer outgoing = out;
        Future<?> sent = sender.submit(() -> {
            while (outgoing.hasRemaining()) {
                next.write(outgoing);
            }
            return null;
        });
        int from = chunkStart(n, receive);
        int length = chunkLength(n, receive);
        in.clear();
        in.limit(length * Float.BYTES);
        int done = 0;                                                    // floats added or copied
        try {
            while (done < length) {
                if (in.hasRemaining() && previous.read(in) < 0) {
                    throw new IOException("rank " + Math.floorMod(rank - 1, size) + " closed the ring");
                }
                int arrived = in.position() / Float.BYTES;
                if (arrived - done >= PIECE || arrived == length) {
                    int count = arrived - done;
                    if (add) {
                        if (piece.length < count) {
                            piece = new float[Math.max(count, PIECE)];
                        }
                        incoming.get(done, piece, 0, count);
                        for (int i = 0; i < count; i++) {
                            values[from + done + i] += piece[i];
                        }
                    } else {
                        incoming.get(done, values, from + done, count);
                    }
                    done = arrived;
                }
            }
            sent.get();
        } catch (IOException e) {
            throw new UncheckedIOException("allreduce, rank " + rank + " of " + size, e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("allreduce, rank " + rank + " sending to rank " + (rank + 1) % size,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in the allreduce", e);
        }
    }

    private int chunkStart(int n, int chunk) {
        return (int) ((long) n * chunk / size);
    }

    private int chunkLength(int n, int chunk) {
        return chunkStart(n, chunk + 1) - chunkStart(n, chunk);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.shutdownNow();
        }
        try {
            if (next != null) {
                next.close();
            }
            if (previous != null) {
                previous.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
