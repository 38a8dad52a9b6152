package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.seq2seq.core.model.ModelConfig;

class NativeThreadsTest {
    @Test
    void blasThreadsAreAPositiveNumberOrIgnored() {
        assertEquals(2, NativeThreads.blasThreads("2"));
        assertEquals(3, NativeThreads.blasThreads(" 3 "));
        assertEquals(0, NativeThreads.blasThreads(null));
        assertEquals(0, NativeThreads.blasThreads(""));
        assertEquals(0, NativeThreads.blasThreads("0"));
        assertEquals(0, NativeThreads.blasThreads("two"));
    }

    @Test
    void twoBlasThreadsOnlyForALargeOutputProduct() {
        assertEquals(2, NativeThreads.blasThreadsFor(new ModelConfig(8000, 8000, 256, 512, 1, 0, false)));            // 512 × 8000
        assertEquals(1, NativeThreads.blasThreadsFor(new ModelConfig(1000, 1000, 64, 128, 1, 0, false)));            // 128 × 1000
        assertEquals(2, NativeThreads.blasThreadsFor(new ModelConfig(8016, 6271, 256, 512, 1, 0, true)));   // Multi30k
    }
}
