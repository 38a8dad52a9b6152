package org.seq2seq.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeExecutorTest {
    @Test
    void partsFollowTheWorkAndTheThreads() {
        try (RangeExecutor four = RangeExecutor.create(4, "test")) {
            assertEquals(4, four.parts(100, 1));
            assertEquals(4, four.parts(100, 25));
            assertEquals(3, four.parts(100, 26));                 // 100 / 26: three parts of at least 26
            assertEquals(1, four.parts(100, 51));
            assertEquals(1, four.parts(0, 1));
            assertEquals(3, four.parts(3, 0));                    // a grain below 1 counts as 1
        }
        assertEquals(1, RangeExecutor.serial().parts(1000, 1));
        assertSame(RangeExecutor.serial(), RangeExecutor.create(1, "one"));
        assertThrows(IllegalArgumentException.class, () -> RangeExecutor.create(0, "none"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7})
    void everyIndexRunsOnceInContiguousPartsOnAsManyThreads(int threads) throws InterruptedException {
        int length = 103;
        try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
            for (int round = 0; round < 50; round++) {
                int[] runs = new int[length];
                List<int[]> parts = Collections.synchronizedList(new ArrayList<>());
                Set<Thread> ran = Collections.synchronizedSet(new HashSet<>());
                CountDownLatch all = new CountDownLatch(threads);
                executor.split(length, 1, (part, from, to) -> {
                    parts.add(new int[] {part, from, to});
                    ran.add(Thread.currentThread());
                    for (int i = from; i < to; i++) {
                        runs[i]++;
                    }
                    all.countDown();
                });
                int[] once = new int[length];
                java.util.Arrays.fill(once, 1);
                assertArrayEquals(once, runs);
                assertEquals(threads, parts.size());
                for (int[] p : parts) {                           // part i = [i·L/P, (i+1)·L/P)
                    assertEquals((long) length * p[0] / threads, p[1]);
                    assertEquals((long) length * (p[0] + 1) / threads, p[2]);
                }
                assertTrue(all.await(0, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(ran.contains(Thread.currentThread()), "the caller runs a part");
                assertTrue(ran.size() >= 1 && ran.size() <= threads);
            }
        }
    }

    @Test
    void helpersRunPartsAtOnce() throws InterruptedException {
        try (RangeExecutor executor = RangeExecutor.create(3, "test")) {
            CountDownLatch allStarted = new CountDownLatch(3);
            Set<String> names = Collections.synchronizedSet(new HashSet<>());
            executor.split(3, 1, (from, to) -> {
                names.add(Thread.currentThread().getName());
                allStarted.countDown();
                try {
                    assertTrue(allStarted.await(30, java.util.concurrent.TimeUnit.SECONDS),
                            "three parts were running at the same time");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(3, names.size());
            assertTrue(names.contains("test-1") && names.contains("test-2"), names.toString());
        }
    }

    @Test
    void theLowestFailingPartsExceptionReachesTheCallerAndTheExecutorStaysUsable() {
        try (RangeExecutor executor = RangeExecutor.create(4, "test")) {
            IllegalStateException second = new IllegalStateException("part 2");
            IllegalStateException third = new IllegalStateException("part 3");
            assertSame(second, assertThrows(IllegalStateException.class, () -> executor.split(8, 1, (part, from, to) -> {
                if (part == 2) {
                    throw second;
                }
                if (part == 3) {
                    throw third;
                }
            })));
            AssertionError error = new AssertionError("own");
            assertSame(error, assertThrows(AssertionError.class, () -> executor.split(8, 1, (part, from, to) -> {
                if (part == 0) {
                    throw error;
                }
            })));
            int[] runs = new int[1];
            executor.split(2, 1, (from, to) -> {
                synchronized (runs) {
                    runs[0] += to - from;
                }
            });
            assertEquals(2, runs[0]);
        }
    }

    @Test
    void aCallerThatFindsTheExecutorBusyRunsItsWholeRangeItselfAndNestedSplitsRunWhole() throws Exception {
        try (RangeExecutor executor = RangeExecutor.create(2, "test")) {
            List<int[]> nested = Collections.synchronizedList(new ArrayList<>());
            executor.call(() -> {
                executor.split(4, 1, (from, to) -> RangeExecutor.current().split(10, 1,
                        (p, f, t) -> nested.add(new int[] {p, f, t})));
                return null;
            });
            assertEquals(2, nested.size());                       // each part's inner split ran whole
            for (int[] n : nested) {
                assertArrayEquals(new int[] {0, 0, 10}, n);
            }
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> executor.split(2, 1, (part, from, to) -> {
                if (part == 0) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            holder.start();
            assertTrue(inside.await(30, java.util.concurrent.TimeUnit.SECONDS));
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            List<int[]> mine = new ArrayList<>();
            executor.split(6, 1, (part, from, to) -> {
                mine.add(new int[] {part, from, to});
                ranOn.set(Thread.currentThread());
            });
            assertEquals(1, mine.size());
            assertArrayEquals(new int[] {0, 0, 6}, mine.get(0));
            assertSame(Thread.currentThread(), ranOn.get());
            release.countDown();
            holder.join();
        }
    }

    @Test
    void bindingsNestAndComeUndone() {
        try (RangeExecutor outer = RangeExecutor.create(2, "outer"); RangeExecutor inner = RangeExecutor.create(3, "inner")) {
            assertSame(RangeExecutor.serial(), RangeExecutor.current());
            try (RangeExecutor.Binding a = outer.bind()) {
                assertSame(outer, RangeExecutor.current());
                try (RangeExecutor.Binding b = inner.bind()) {
                    assertSame(inner, RangeExecutor.current());
                }
                assertSame(outer, RangeExecutor.current());
            }
            assertSame(RangeExecutor.serial(), RangeExecutor.current());
        }
    }

    @Test
    void aClosedExecutorRunsEverythingOnTheCaller() {
        RangeExecutor executor = RangeExecutor.create(3, "test");
        executor.split(3, 1, (from, to) -> { });                 // helpers started
        executor.close();
        List<Thread> ran = Collections.synchronizedList(new ArrayList<>());
        executor.split(30, 1, (from, to) -> ran.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), ran);
    }

    @Test
    void blockSumsAreTheSameForAnyNumberOfThreads() {
        long length = 10_007;
        double[] expected = null;
        for (int threads = 1; threads <= 5; threads++) {
            try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                double[] sums = executor.blocks(length, 1000, (from, to) -> {
                    double s = 0;
                    for (long i = from; i < to; i++) {
                        s += 1.0 / (i + 1);
                    }
                    return s;
                });
                assertEquals(11, sums.length);
                if (expected == null) {
                    expected = sums;
                }
                assertArrayEquals(expected, sums, 0.0, threads + " threads");
            }
        }
    }
}
