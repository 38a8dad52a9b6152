package org.seq2seq.nn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One helper thread that runs half of a piece of work while the calling thread runs the other
 * half: how large matrix products ({@link Gemm}), the recurrences of the encoder and decoder, the
 * training loss's softmax and the Adam step use the second processor of a 2-vCPU machine. Off
 * until {@link #use} turns it on; the application's runtime set-up does so on machines with two
 * processors.
 *
 * <p>Why not OpenBLAS's own second thread: on 2 vCPUs it made setting (b) of {@code bench}
 * (hidden 128, 1000 target words) slower, 0.0163 against 0.0197 and 0.0178 against 0.0273
 * s/step, while a {@code [384, 128]·[128, 1000]} product split between two Java threads took
 * 0.55 ms instead of 0.92. Callers split their work so that every value is computed as the whole
 * would compute it, in the same order, and combine the halves in a fixed order: results do not
 * depend on whether the helper ran.
 *
 * <p>The hand-over is made for halves of a millisecond or less: the helper waits for its next
 * half by spinning for {@value #SPIN_NANOS} ns after each one, then parks. A caller that has
 * finished its own half before the helper took the other (the helper was descheduled, for
 * instance while the JIT compiler had the processor) takes it back and runs it itself. One
 * caller at a time: a caller that finds the helper busy (another Java thread is using it) runs
 * both halves itself, so callers never queue behind each other.
 */
public final class SecondThread {
    /** How long the helper spins for its next half before it parks. */
    static final long SPIN_NANOS = 500_000;

    private static final AtomicBoolean busy = new AtomicBoolean();
    private static final AtomicReference<Runnable> task = new AtomicReference<>();
    private static volatile boolean used;
    private static volatile boolean done;
    private static volatile Throwable failure;
    private static Thread thread;

    private SecondThread() {
    }

    /** Turns the helper on or off for every later {@link #run}. */
    public static void use(boolean on) {
        used = on;
    }

    /** Whether {@link #run} may use the helper. */
    public static boolean used() {
        return used;
    }

    /**
     * Runs {@code helperHalf} on the helper thread and {@code ownHalf} on this one, and returns
     * when both are done; or returns false without running anything when the helper is off or
     * busy, and the caller does the whole work itself.
     *
     * @throws RuntimeException or {@link Error} what either half threw (the caller's first)
     */
    public static boolean run(Runnable helperHalf, Runnable ownHalf) {
        if (!used || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Thread helper = helper();
            done = false;
            failure = null;
            task.set(helperHalf);
            LockSupport.unpark(helper);
            Throwable own = null;
            try {
                ownHalf.run();
            } catch (RuntimeException | Error e) {
                own = e;
            }
            if (task.compareAndSet(helperHalf, null)) {          // not started: no waiting for the helper
                try {
                    helperHalf.run();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                done = true;
            }
            long spins = 0;
            while (!done) {
                if (++spins < 100_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();                              // the helper was descheduled
                }
            }
            Throwable first = own != null ? own : failure;
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** Work on a range {@code [from, to)} of indices (rows, parameters). */
    @FunctionalInterface
    public interface Part {
        void run(int from, int to);
    }

    /**
     * Runs {@code part} on {@code [0, cut)} here and on {@code [cut, length)} on the helper, or on
     * {@code [0, length)} here alone when the cut leaves a side empty or the helper is off or busy.
     * Callers whose parts compute every value as the whole range would get the same results
     * either way.
     *
     * @throws RuntimeException or {@link Error} what a part threw
     */
    public static void inTwo(int length, int cut, Part part) {
        if (cut <= 0 || cut >= length || !run(() -> part.run(cut, length), () -> part.run(0, cut))) {
            part.run(0, length);
        }
    }

    private static synchronized Thread helper() {
        if (thread == null) {
            thread = new Thread(SecondThread::loop, "seq2seq-second-thread");
            thread.setDaemon(true);
            thread.start();
        }
        return thread;
    }

    private static void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable r = task.get();
            if (r == null || !task.compareAndSet(r, null)) {    // none, or the caller took it back
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(SecondThread.class);
                }
                continue;
            }
            try {
                r.run();
            } catch (Throwable t) {                              // handed to the caller
                failure = t;
            }
            done = true;
            idleSince = System.nanoTime();
        }
    }
}
