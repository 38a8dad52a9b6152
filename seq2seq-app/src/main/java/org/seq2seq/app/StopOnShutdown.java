package org.seq2seq.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, Ctrl-C (or any other JVM shutdown) asks a training run to stop after its current
 * step and holds the JVM until the checkpoint is written and the report printed.
 */
final class StopOnShutdown implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopOnShutdown(Runnable requestStop) {
        hook = new Thread(() -> {
            requestStop.run();
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seq2seq-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: the JVM exits once it returns
        }
    }
}
