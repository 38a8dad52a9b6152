package org.seq2seq.spark.allreduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ranks on threads of this JVM, over real sockets. */
class RingAllReduceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ParameterizedTest(name = "{0} ranks, {1} values")
    @CsvSource({"1, 10", "2, 1", "2, 1000", "3, 2", "3, 100003", "5, 77", "4, 1000000"})
    void everyRankEndsWithTheSameSumAsOneMachineComputes(int ranks, int length) throws Exception {
        float[][] values = new float[ranks][length];
        double[] expected = new double[length];
        Random random = new Random(ranks * 31L + length);
        for (int r = 0; r < ranks; r++) {
            for (int i = 0; i < length; i++) {
                values[r][i] = (float) random.nextGaussian();
                expected[i] += values[r][i];
            }
        }
        List<RingAllReduce.Endpoint> endpoints = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            endpoints.add(RingAllReduce.listen("127.0.0.1"));
            addresses.add(endpoints.get(r).address());
        }
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < ranks; r++) {
                int rank = r;
                done.add(pool.submit(() -> {
                    try (RingAllReduce ring = RingAllReduce.join(endpoints.get(rank), rank, addresses, TIMEOUT)) {
                        ring.sum(values[rank]);
                        ring.sum(new float[length]);                    // the ring can be used again
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int r = 1; r < ranks; r++) {
            assertArrayEquals(values[0], values[r], 0f, "rank " + r + " against rank 0: the same bits");
        }
        for (int i = 0; i < length; i++) {
            assertEquals(expected[i], values[0][i], 1e-5 * Math.max(1, Math.abs(expected[i])), "value " + i);
        }
    }

    @Test
    void aRankThatNeverComesIsNamed() {
        RingAllReduce.Endpoint mine = RingAllReduce.listen("127.0.0.1");
        RingAllReduce.Endpoint absent = RingAllReduce.listen("127.0.0.1");
        List<String> addresses = List.of(mine.address(), absent.address());
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> RingAllReduce.join(mine, 0, addresses, Duration.ofMillis(500)));
        assertEquals("rank 1 did not connect to rank 0 within 0.5 s", e.getMessage());
    }
}
