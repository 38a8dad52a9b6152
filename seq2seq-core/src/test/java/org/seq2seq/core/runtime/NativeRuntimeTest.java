package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.seq2seq.core.model.ModelConfig;

class NativeRuntimeTest {
    @Test
    void blasThreadsAreAPositiveNumberOrIgnored() {
        assertEquals(2, NativeRuntime.blasThreads("2"));
        assertEquals(3, NativeRuntime.blasThreads(" 3 "));
        assertEquals(0, NativeRuntime.blasThreads(null));
        assertEquals(0, NativeRuntime.blasThreads(""));
        assertEquals(0, NativeRuntime.blasThreads("0"));
        assertEquals(0, NativeRuntime.blasThreads("two"));
    }

    @Test
    void physicalMemoryCheckIsOffUnlessTheUserSetIt() {
        Properties none = new Properties();
        NativeRuntime.skipPhysicalMemoryCheck(none);
        assertEquals("0", none.getProperty("org.bytedeco.javacpp.maxPhysicalBytes"));

        Properties user = new Properties();
        user.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "8g");
        NativeRuntime.skipPhysicalMemoryCheck(user);
        assertEquals("8g", user.getProperty("org.bytedeco.javacpp.maxPhysicalBytes"));

        Properties lowerCase = new Properties();
        lowerCase.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "8g");
        NativeRuntime.skipPhysicalMemoryCheck(lowerCase);
        assertNull(lowerCase.getProperty("org.bytedeco.javacpp.maxPhysicalBytes"));
    }

    @Test
    void twoBlasThreadsOnlyForALargeOutputProduct() {
        assertEquals(2, NativeRuntime.blasThreadsFor(new ModelConfig(8000, 8000, 256, 512, 1, 0, false)));            // 512 × 8000
        assertEquals(1, NativeRuntime.blasThreadsFor(new ModelConfig(1000, 1000, 64, 128, 1, 0, false)));            // 128 × 1000
        assertEquals(2, NativeRuntime.blasThreadsFor(new ModelConfig(8016, 6271, 256, 512, 1, 0, true)));   // Multi30k
    }

    @Test
    void theSecondThreadIsOnUnlessTurnedOff() {
        assertTrue(NativeRuntime.secondThreadWanted(null));
        assertTrue(NativeRuntime.secondThreadWanted("on"));
        assertFalse(NativeRuntime.secondThreadWanted("off"));
        assertFalse(NativeRuntime.secondThreadWanted(" OFF "));
    }
}
