package org.seq2seq.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeTest {
    @Test
    void theProcessorsUnlessTheVariableSaysOtherwise() {
        assertEquals(16, Compute.threadsFrom(Map.of(), 16));
        assertEquals(3, Compute.threadsFrom(Map.of(Compute.THREADS_VARIABLE, " 3 "), 16));
        assertEquals(16, Compute.threadsFrom(Map.of(Compute.THREADS_VARIABLE, ""), 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compute.threadsFrom(Map.of(Compute.THREADS_VARIABLE, "two"), 16));
        assertEquals("SEQ2SEQ_THREADS=two: not a positive number of threads", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Compute.threadsFrom(Map.of(Compute.THREADS_VARIABLE, "0"), 16));
    }

    @Test
    void aServerRunsAWorkerOfOneThreadPerProcessor() {
        assertEquals(new Compute(1, 1), Compute.forServer(1));
        assertEquals(new Compute(1, 2), Compute.forServer(2));
        assertEquals(new Compute(1, 64), Compute.forServer(64));
        assertEquals(new Compute(1, 1), Compute.forServer(0));
    }

    @Test
    void valuesAreCheckedAndShown() {
        assertThrows(IllegalArgumentException.class, () -> new Compute(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Compute(1, 0));
        assertEquals("1 thread", Compute.ofThreads(1).toString());
        assertEquals("2 workers × 4 threads", new Compute(4, 2).toString());
        assertEquals(8, new Compute(4, 2).totalThreads());
        assertEquals(new Compute(3, 2), Compute.ofThreads(3).withWorkers(2));
    }
}
