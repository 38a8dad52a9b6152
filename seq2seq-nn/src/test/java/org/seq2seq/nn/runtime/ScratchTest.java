package org.seq2seq.nn.runtime;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScratchTest {

    @Test
    void aSlotKeepsItsArrayUntilALongerOneIsAskedFor() {
        Scratch scratch = Scratch.forThisThread();
        float[] first = scratch.floats(Scratch.STATES, 100);
        assertTrue(first.length >= 100);
        assertSame(first, scratch.floats(Scratch.STATES, 50));
        assertNotSame(first, scratch.floats(Scratch.GATES, 50));
        float[] longer = scratch.floats(Scratch.STATES, first.length + 1);
        assertTrue(longer.length > first.length);
        assertSame(longer, scratch.floats(Scratch.STATES, 10));
    }

    @Test
    void eachThreadHasItsOwn() throws InterruptedException {
        float[] mine = Scratch.forThisThread().floats(Scratch.CELLS, 10);
        AtomicReference<float[]> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(Scratch.forThisThread().floats(Scratch.CELLS, 10)));
        other.start();
        other.join();
        assertNotSame(mine, theirs.get());
        assertSame(Scratch.forThisThread(), Scratch.forThisThread());
    }
}
