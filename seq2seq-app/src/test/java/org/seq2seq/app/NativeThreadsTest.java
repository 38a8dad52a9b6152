package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
