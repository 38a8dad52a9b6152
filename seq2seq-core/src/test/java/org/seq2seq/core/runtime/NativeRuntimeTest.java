package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.api.Test;

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
}
