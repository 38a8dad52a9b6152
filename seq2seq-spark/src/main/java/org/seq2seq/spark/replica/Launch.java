package org.seq2seq.spark.replica;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.seq2seq.core.train.NonFiniteLossException;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;

/**
 * The driver's side of one launch of the replicas: a socket to each, and the Spark job that runs
 * them. When the job ends before the driver ends it (a task or an executor failed, and with it
 * the barrier stage), the sockets are closed, so whatever the driver waits for fails at once with
 * {@link Lost}.
 */
final class Launch implements AutoCloseable {
    /** The replicas of a launch are gone; the run may start new ones. */
    static final class Lost extends RuntimeException {
        Lost(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One step as the driver hands it out, kept until the next fetch to be taken again after a failure. */
    record Step(long number, int epoch, double rate, long seed, List<List<EncodedPair>> shards) {
    }

    private final int number;
    private final CompletableFuture<Void> job;
    private final Socket[] sockets;
    private final DataInputStream[] in;
    private final DataOutputStream[] out;
    private volatile boolean ending;

    private Launch(int number, CompletableFuture<Void> job, Socket[] sockets) throws IOException {
        this.number = number;
        this.job = job;
        this.sockets = sockets;
        in = new DataInputStream[sockets.length];
        out = new DataOutputStream[sockets.length];
        for (int r = 0; r < sockets.length; r++) {
            sockets[r].setTcpNoDelay(true);
            in[r] = new DataInputStream(new BufferedInputStream(sockets[r].getInputStream(), 1 << 16));
            out[r] = new DataOutputStream(new BufferedOutputStream(sockets[r].getOutputStream(), 1 << 16));
        }
        job.whenComplete((ok, failure) -> {
            if (!ending) {
                closeSockets();                 // wakes whoever waits on them
            }
        });
    }

    /**
     * Waits until every replica of launch {@code number} has called.
     *
     * @param job      the Spark job running the replicas
     * @param deadline {@code System.nanoTime()} by which they must have called
     * @throws Lost when the job ends first or the deadline passes
     */
    static Launch accept(ServerSocket server, int number, int replicas, CompletableFuture<Void> job, long deadline) {
        Socket[] sockets = new Socket[replicas];
        int called = 0;
        try {
            server.setSoTimeout(500);
            while (called < replicas) {
                if (job.isDone()) {
                    throw new Lost("the replicas' Spark job ended before they all called the driver ("
                            + called + " of " + replicas + ")", failure(job));
                }
                if (System.nanoTime() > deadline) {
                    throw new Lost(called + " of " + replicas + " replicas called the driver in time; the cluster may "
                            + "have fewer free task slots than replicas", null);
                }
                Socket s;
                try {
                    s = server.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                s.setSoTimeout(10_000);                                  // the greeting follows the connection
                DataInputStream hello = new DataInputStream(s.getInputStream());
                int launch = hello.readInt();
                int rank = hello.readInt();
                s.setSoTimeout(0);
                if (launch != number || rank < 0 || rank >= replicas || sockets[rank] != null) {
                    s.close();                                           // a replica of an earlier launch
                    continue;
                }
                sockets[rank] = s;
                called++;
            }
            return new Launch(number, job, sockets);
        } catch (IOException e) {
            for (Socket s : sockets) {
                closeQuietly(s);
            }
            throw new Lost("the replicas could not call the driver: " + e.getMessage(), e);
        } catch (Lost e) {
            for (Socket s : sockets) {
                closeQuietly(s);
            }
            throw e;
        }
    }

    int number() {
        return number;
    }

    /** Sends every replica the state to start from. */
    void start(ReplicaState state) {
        try {
            for (DataOutputStream o : out) {
                o.writeInt(Wire.STATE);
                state.write(o);
                o.flush();
            }
        } catch (IOException e) {
            throw lost("while sending the state", e);
        }
    }

    /**
     * One step on every replica.
     *
     * @return what the step did (the replicas' sum; rank 0's gradient norm)
     * @throws NonFiniteLossException when the loss or gradient was not finite; nothing moved
     */
    TrainingStep.Result step(Step step) {
        try {
            for (int r = 0; r < out.length; r++) {
                DataOutputStream o = out[r];
                o.writeInt(Wire.STEP);
                o.writeLong(step.number());
                o.writeInt(step.epoch());
                o.writeDouble(step.rate());
                o.writeLong(step.seed());
                Wire.writePairs(o, step.shards().get(r));
                o.flush();
            }
            TrainingStep.Result first = null;
            NonFiniteLossException notFinite = null;
            for (int r = 0; r < in.length; r++) {
                int answer = in[r].readInt();
                if (answer == Wire.DONE) {
                    TrainingStep.Result result = new TrainingStep.Result(in[r].readDouble(), in[r].readLong(),
                            in[r].readDouble());
                    first = first == null ? result : first;
                } else if (answer == Wire.NOT_FINITE) {
                    notFinite = new NonFiniteLossException(in[r].readDouble(), in[r].readDouble());
                } else {
                    throw new IOException("replica " + r + " answered " + answer);
                }
            }
            if (notFinite != null) {
                throw notFinite;
            }
            return first;
        } catch (IOException e) {
            throw lost("in step " + step.number(), e);
        }
    }

    /**
     * The replicas' state, from rank 0, after checking that every other replica holds the same
     * bits (with averaging, after averaging).
     *
     * @throws IllegalStateException when a replica's state differs
     */
    ReplicaState fetch() {
        try {
            for (DataOutputStream o : out) {
                o.writeInt(Wire.SYNC);
                o.flush();
            }
            ReplicaState state = ReplicaState.read(in[0]);
            long checksum = state.checksum();
            for (int r = 1; r < in.length; r++) {
                long theirs = in[r].readLong();
                if (theirs != checksum) {
                    throw new IllegalStateException("replica " + r + " holds other parameters than replica 0 "
                            + "(checksums " + Long.toHexString(theirs) + " and " + Long.toHexString(checksum) + ")");
                }
            }
            return state;
        } catch (IOException e) {
            throw lost("while fetching the state", e);
        }
    }

    /** Every replica's whole state, in rank order (tests). */
    List<ReplicaState> fetchAll() {
        try {
            for (DataOutputStream o : out) {
                o.writeInt(Wire.SYNC_ALL);
                o.flush();
            }
            List<ReplicaState> states = new ArrayList<>();
            for (DataInputStream i : in) {
                states.add(ReplicaState.read(i));
            }
            return states;
        } catch (IOException e) {
            throw lost("while fetching the states", e);
        }
    }

    private Lost lost(String doing, IOException e) {
        Throwable cause = job.isDone() ? failure(job) : e;
        return new Lost("the replicas of launch " + number + " were lost " + doing + ": "
                + (cause == null ? e.getMessage() : firstLine(cause)), cause);
    }

    private static Throwable failure(CompletableFuture<Void> job) {
        try {
            job.getNow(null);
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    /** The first line of a failure's message: Spark's hold a whole stack trace. */
    static String firstLine(Throwable t) {
        if (t.getMessage() == null) {
            return "the connection to a replica broke (" + t.getClass().getSimpleName() + ")";
        }
        String m = t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Tells the replicas that training is over and waits up to {@code millis} for their job to end.
     */
    void end(long millis) {
        ending = true;
        try {
            for (DataOutputStream o : out) {
                o.writeInt(Wire.END);
                o.flush();
            }
            job.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // ended anyway: the sockets close below and the job's tasks with them
        } finally {
            closeSockets();
        }
    }

    @Override
    public void close() {
        ending = true;
        closeSockets();
    }

    private void closeSockets() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
