package org.seq2seq.nn.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs work on a range of indices {@code [0, length)} (rows of a batch, parameters, time steps)
 * in parts at once: the calling thread runs the first part and up to {@code threads - 1} helper
 * threads of this executor the others. How the layers' Java loops, the large matrix products, the
 * training loss's softmax and the Adam step use more than one processor.
 *
 * <p><b>Which executor a loop uses.</b> The one bound to the calling thread ({@link #current},
 * set by {@link #bind}); a thread that bound none runs everything itself ({@link #serial}). The
 * library's entry points (a translator's searches, a training run's steps) bind their own, sized
 * by their {@link Compute}, so two translators in one program may have different budgets.
 *
 * <p><b>Results do not depend on the thread count.</b> Callers split so that every value is
 * computed as the whole range would compute it: parts write disjoint outputs, and sums over a
 * range are made of fixed blocks combined in block order ({@link #blocks}), never of per-part
 * totals.
 *
 * <p><b>How many parts.</b> {@code min(threads, length / grain)}: the caller's grain is the least
 * work worth a hand-over (a part of fewer rows costs more to hand over than it saves), so the
 * split follows the work and the threads, not the machine it was tuned on. Parts differ in length
 * by at most one index ({@code part i = [i·length/parts, (i+1)·length/parts)}), or with an
 * alignment {@code a}, by at most {@code a} (every part but the last a multiple of {@code a}).
 *
 * <p><b>Hand-over.</b> Made for parts of a millisecond or less: each helper waits for its next
 * part by spinning for {@value #SPIN_NANOS} ns after the last one, then parks. A caller that has
 * finished its own part takes back parts no helper has started (a helper was descheduled) and runs
 * them itself. One caller at a time: a caller that finds the executor busy (another thread is
 * using it) runs its whole range itself, so callers never queue behind each other.
 *
 * <p>Thread-safe. {@link #close} stops the helpers; a closed executor runs everything on the
 * calling thread.
 */
public final class RangeExecutor implements AutoCloseable {
    /**
     * How long a helper spins for its next part before it parks: longer than the gap between two
     * splits of one decoding or training step (the recurrences split at every time step), short
     * enough that an idle helper costs nothing; parking after each part was slower
     * (docs/performance.md, "RangeExecutor.SPIN_NANOS").
     */
    static final long SPIN_NANOS = 500_000;

    private static final RangeExecutor SERIAL = new RangeExecutor(1, "serial");
    private static final ThreadLocal<RangeExecutor> BOUND = new ThreadLocal<>();

    private final int threads;
    private final String name;
    private final Helper[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    private RangeExecutor(int threads, String name) {
        this.threads = threads;
        this.name = name;
        this.helpers = new Helper[threads - 1];
    }

    /**
     * An executor of {@code threads} threads: the caller and {@code threads - 1} helpers, started
     * at the first split that uses them (daemon threads named after {@code name}).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static RangeExecutor create(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads == 1 ? SERIAL : new RangeExecutor(threads, name);
    }

    /** The executor that runs every range on the calling thread. */
    public static RangeExecutor serial() {
        return SERIAL;
    }

    /** The executor bound to this thread by {@link #bind}, or {@link #serial()}. */
    public static RangeExecutor current() {
        RangeExecutor bound = BOUND.get();
        return bound != null ? bound : SERIAL;
    }

    /**
     * Makes this the executor of the calling thread's loops until the binding is closed, when the
     * one bound before (if any) is bound again. Bindings nest.
     */
    public Binding bind() {
        RangeExecutor previous = BOUND.get();
        BOUND.set(this);
        return new Binding(previous);
    }

    /** {@code work}'s result, run with this executor {@link #bind bound} to the calling thread. */
    public <T> T call(Supplier<T> work) {
        try (Binding bound = bind()) {
            return work.get();
        }
    }

    /** The threads a range may be split between (the caller's included). */
    public int threads() {
        return threads;
    }

    /** Work on the indices {@code [from, to)} of a range. */
    @FunctionalInterface
    public interface Part {
        void run(int from, int to);
    }

    /** Work on a part of a range that also knows which part it is (to pick its own buffers). */
    @FunctionalInterface
    public interface NumberedPart {
        void run(int part, int from, int to);
    }

    /**
     * How many parts {@link #split} makes of {@code length} indices with this grain: between 1 and
     * {@link #threads()}.
     */
    public int parts(long length, long grain) {
        return parts(length, grain, 1);
    }

    /**
     * How many parts {@link #split(int, int, int, NumberedPart)} makes of {@code length} indices
     * with this grain and alignment: between 1 and {@link #threads()}, at most one per
     * {@code align} indices.
     */
    public int parts(long length, long grain, int align) {
        if (length <= 0) {
            return 1;
        }
        long units = (length + Math.max(1, align) - 1) / Math.max(1, align);
        long byWork = length / Math.max(1, grain);
        return (int) Math.max(1, Math.min(threads, Math.min(units, byWork)));
    }

    /**
     * Runs {@code part} over {@code [0, length)} in {@link #parts} parts, at once when the helpers
     * are free, and returns when all are done.
     *
     * @param grain the least number of indices worth a part of its own
     * @throws RuntimeException or {@link Error} what a part threw (the lowest part's first)
     */
    public void split(int length, int grain, Part part) {
        split(length, grain, (p, from, to) -> part.run(from, to));
    }

    /** {@link #split(int, int, Part)} whose parts know their number, {@code 0 ≤ part < parts(length, grain)}. */
    public void split(int length, int grain, NumberedPart part) {
        split(length, grain, 1, part);
    }

    /**
     * {@link #split(int, int, NumberedPart)} with every part but the first starting at a multiple
     * of {@code align}: for parts that call BLAS on their rows, whose kernels may sum a row's
     * products in another order depending on where the row falls in a block of {@code align}.
     */
    public void split(int length, int grain, int align, NumberedPart part) {
        int parts = parts(length, grain, align);
        if (parts == 1 || closed || !busy.compareAndSet(false, true)) {
            part.run(0, 0, length);
            return;
        }
        try {
            runParts(length, parts, Math.max(1, align), part);
        } finally {
            busy.set(false);
        }
    }

    /** {@link #split(int, int, int, NumberedPart)} for parts that do not need their number. */
    public void split(int length, int grain, int align, Part part) {
        split(length, grain, align, (p, from, to) -> part.run(from, to));
    }

    /**
     * Sums of a function over fixed blocks of a range, in block order: the block boundaries depend
     * on {@code block} only, so a total made by adding the returned sums in order is the same for
     * every thread count.
     *
     * @param block indices per block (the last one may be shorter)
     * @param sum   the sum over {@code [from, to)}, which is one block
     * @return one sum per block, {@code ceil(length / block)} of them
     */
    public double[] blocks(long length, int block, BlockSum sum) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1, got " + block);
        }
        int count = Math.toIntExact((length + block - 1) / block);
        double[] sums = new double[count];
        split(count, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                long start = (long) b * block;
                sums[b] = sum.over(start, Math.min(length, start + block));
            }
        });
        return sums;
    }

    /** A sum over one block {@code [from, to)} of a range. */
    @FunctionalInterface
    public interface BlockSum {
        double over(long from, long to);
    }

    /** Where part {@code p} of {@code parts} starts: {@code align · ⌊units · p / parts⌋}, within the range. */
    private static int start(int length, int parts, int align, int p) {
        long units = (length + (long) align - 1) / align;
        return (int) Math.min(length, align * (units * p / parts));
    }

    private void runParts(int length, int parts, int align, NumberedPart part) {
        Runnable[] tasks = new Runnable[parts];
        Throwable[] failures = new Throwable[parts];
        AtomicInteger pending = new AtomicInteger(parts - 1);
        for (int p = 1; p < parts; p++) {
            int number = p;
            int from = start(length, parts, align, p);
            int to = start(length, parts, align, p + 1);
            tasks[p] = () -> {
                try {
                    part.run(number, from, to);
                } catch (Throwable t) {
                    failures[number] = t;
                } finally {
                    pending.decrementAndGet();
                }
            };
            helper(p - 1).offer(tasks[p]);
        }
        try {
            part.run(0, 0, start(length, parts, align, 1));
        } catch (RuntimeException | Error e) {
            failures[0] = e;
        }
        for (int p = 1; p < parts; p++) {
            if (helpers[p - 1].takeBack(tasks[p])) {       // not started: run it here rather than wait
                tasks[p].run();
            }
        }
        long spins = 0;
        while (pending.get() > 0) {
            if (++spins < 100_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();                           // a helper was descheduled
            }
        }
        for (Throwable t : failures) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private synchronized Helper helper(int index) {
        if (helpers[index] == null) {
            helpers[index] = new Helper(name + "-" + (index + 1));
        }
        return helpers[index];
    }

    /** Stops the helper threads; later splits run on the calling thread. */
    @Override
    public void close() {
        if (this == SERIAL) {
            return;
        }
        closed = true;
        synchronized (this) {
            for (Helper h : helpers) {
                if (h != null) {
                    h.stop();
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + " (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    /** Undoes a {@link #bind}. */
    public static final class Binding implements AutoCloseable {
        private final RangeExecutor previous;

        private Binding(RangeExecutor previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /** One helper thread and the part handed to it. */
    private static final class Helper {
        private final AtomicReference<Runnable> task = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean stopped;

        Helper(String name) {
            thread = new Thread(this::loop, name);
            thread.setDaemon(true);
            thread.start();
        }

        void offer(Runnable r) {
            task.set(r);
            LockSupport.unpark(thread);
        }

        boolean takeBack(Runnable r) {
            return task.compareAndSet(r, null);
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        private void loop() {
            long idleSince = System.nanoTime();
            while (!stopped) {
                Runnable r = task.get();
                if (r == null || !task.compareAndSet(r, null)) {   // none, or the caller took it back
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                r.run();                                         // records its own failure
                idleSince = System.nanoTime();
            }
        }
    }
}
