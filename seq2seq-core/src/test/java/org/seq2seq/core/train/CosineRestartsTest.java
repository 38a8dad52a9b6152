package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineRestartsTest {

    @Test
    void theRateFallsAlongHalfACosineAndStartsAgainEveryCycle() {
        CosineRestarts schedule = new CosineRestarts(0.002, 400);
        assertEquals(0.002, schedule.rate(0), 1e-18);
        assertEquals(0.001, schedule.rate(200), 1e-15);
        assertEquals(0.002 * (1 + Math.cos(Math.PI * 399 / 400)) / 2, schedule.rate(399), 1e-18);
        assertTrue(schedule.rate(399) < 1e-7);
        assertEquals(0.002, schedule.rate(400), 1e-18);
        assertEquals(schedule.rate(123), schedule.rate(1323), 1e-18);
        assertFalse(schedule.restartsAt(0));
        assertTrue(schedule.restartsAt(800));
        assertFalse(schedule.restartsAt(801));
        assertThrows(IllegalArgumentException.class, () -> new CosineRestarts(0.001, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineRestarts(0, 10));
    }
}
