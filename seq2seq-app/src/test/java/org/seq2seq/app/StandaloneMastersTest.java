package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The check of a standalone master's address before Spark starts. */
class StandaloneMastersTest {

    @Test
    void aListeningMasterPassesAndOneOfSeveralIsEnough() throws IOException {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        try (ServerSocket master = new ServerSocket(0)) {
            int port = master.getLocalPort();
            assertDoesNotThrow(() -> StandaloneMasters.requireOneAnswers("--spark-master",
                    "spark://127.0.0.1:" + port));
            assertDoesNotThrow(() -> StandaloneMasters.requireOneAnswers("--spark-master",
                    "spark://127.0.0.1:" + closed + ",127.0.0.1:" + port));
        }
    }

    @Test
    void everyMasterThatFailsIsNamedWithItsReason() throws IOException {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + closed + ",no-such-host.invalid:7077";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandaloneMasters.requireOneAnswers("--spark-master", url));
        assertEquals("--spark-master " + url + ": no Spark master answers at 127.0.0.1:" + closed
                + " (connection refused), no-such-host.invalid:7077 (unknown host); start one "
                + "(scripts/spark-standalone.sh) or check the address", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StandaloneMasters.requireOneAnswers("--spark-master", "spark://host:99999"));
        assertThrows(IllegalArgumentException.class,
                () -> StandaloneMasters.requireOneAnswers("--spark-master", "spark://:7077"));
    }
}
