package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecondThreadTest {
    @AfterEach
    void off() {
        SecondThread.use(false);
    }

    @Test
    void offItRunsNothingAndSaysSo() {
        int[] runs = new int[1];
        assertFalse(SecondThread.run(() -> runs[0]++, () -> runs[0]++));
        assertEquals(0, runs[0]);
    }

    @Test
    void onBothHalvesRunOnceTheHelpersOnAnotherThreadWhenItTakesIt() {
        SecondThread.use(true);
        Thread caller = Thread.currentThread();
        int onHelper = 0;
        for (int i = 0; i < 200; i++) {
            AtomicReference<Thread> helperRanOn = new AtomicReference<>();
            int[] own = new int[1];
            assertTrue(SecondThread.run(() -> helperRanOn.set(Thread.currentThread()), () -> {
                own[0]++;
                long until = System.nanoTime() + 2_000_000;           // time for the helper to take its half
                while (helperRanOn.get() == null && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }));
            assertEquals(1, own[0]);
            assertTrue(helperRanOn.get() != null);                // run by one thread or the other, once
            if (helperRanOn.get() != caller) {
                onHelper++;
                assertEquals("seq2seq-second-thread", helperRanOn.get().getName());
            }
        }
        assertNotEquals(0, onHelper, "the helper never took its half in 200 runs");
        // an own half too short for the helper to start: the caller takes the other half back
        int[] runs = new int[1];
        for (int i = 0; i < 200; i++) {
            assertTrue(SecondThread.run(() -> runs[0]++, () -> { }));
        }
        assertEquals(200, runs[0]);
    }

    @Test
    void whatEitherHalfThrowsReachesTheCaller() {
        SecondThread.use(true);
        IllegalStateException theirs = new IllegalStateException("helper");
        IllegalArgumentException mine = new IllegalArgumentException("own");
        assertSame(theirs, assertThrows(IllegalStateException.class, () -> SecondThread.run(() -> {
            throw theirs;
        }, () -> { })));
        assertSame(mine, assertThrows(IllegalArgumentException.class, () -> SecondThread.run(() -> { }, () -> {
            throw mine;
        })));
        int[] runs = new int[1];
        assertTrue(SecondThread.run(() -> runs[0]++, () -> runs[0]++));   // still usable
        assertEquals(2, runs[0]);
    }

    @Test
    void aSecondCallerWhileTheHelperIsBusyDoesItsWorkItself() throws Exception {
        SecondThread.use(true);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> SecondThread.run(() -> { }, () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        first.start();
        inside.await();
        int[] runs = new int[1];
        assertFalse(SecondThread.run(() -> runs[0]++, () -> runs[0]++));    // busy: nothing run, no waiting
        assertEquals(0, runs[0]);
        release.countDown();
        first.join();
        assertTrue(SecondThread.run(() -> runs[0]++, () -> runs[0]++));
        assertEquals(2, runs[0]);
    }
}
