package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KeptPassTest {
    @Test
    void aKeptPassIsTakenOnceAndOnlyForTheSameInputAndMask() {
        KeptPass<String> kept = new KeptPass<>();
        INDArray input = Nd4j.create(DataType.FLOAT, 2, 3);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 2, 3);
        kept.begin();
        kept.keep("pass", input, mask);
        assertNull(kept.take(input.dup(), mask), "an equal but other input array");
        kept.begin();
        kept.keep("pass", input, mask);
        assertNull(kept.take(input, null), "another mask");
        kept.keep("pass", input, mask);
        assertSame("pass", kept.take(input, mask));
        assertNull(kept.take(input, mask), "taken once");
        kept.keep("pass", input, mask);
        kept.forget();
        assertNull(kept.take(input, mask));
    }
}
