package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelPassTest {

    private static List<SentencePair> pairs(int n) {
        return IntStream.range(0, n).mapToObj(i -> new SentencePair("s" + i, "t" + i)).toList();
    }

    @Test
    void resultsComeBackInReadingOrderFromSeveralThreads() {
        List<String> out = new ArrayList<>();
        Set<String> workers = ConcurrentHashMap.newKeySet();
        ParallelPass.run(pairs(20_000).iterator(), 3, pair -> {
            workers.add(Thread.currentThread().getName());
            return pair.source() + "|" + pair.target();
        }, out::add);
        assertEquals(IntStream.range(0, 20_000).mapToObj(i -> "s" + i + "|t" + i).toList(), out);
        assertTrue(workers.size() > 1, "the work ran on " + workers);
    }

    @Test
    void aFailureInTheWorkEndsThePassAsItWasThrown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelPass.run(
                pairs(10_000).iterator(), 2, pair -> {
                    if (pair.source().equals("s7777")) {
                        throw new IllegalArgumentException("bad pair " + pair.source());
                    }
                    return pair;
                }, pair -> { }));
        assertEquals("bad pair s7777", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParallelPass.run(pairs(1).iterator(), 0, p -> p, p -> { }));
    }
}
