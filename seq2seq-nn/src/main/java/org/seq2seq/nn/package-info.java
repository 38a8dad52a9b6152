/**
 * Small DL4J and ND4J building blocks that the encoder's and the decoder's own layers share:
 * wiring a new layer into a network, and replacements for ND4J ops that are slow where the layers
 * need them.
 *
 * <h2>Who owns native memory, and until when</h2>
 *
 * <p>An ND4J array's values live in native memory that ND4J frees on a deallocator thread as soon
 * as the garbage collector finds the array's data buffer unreachable from Java (arrays inside a
 * DL4J workspace excepted: the workspace frees them when it closes). Compiled Java code drops a
 * local variable after its last use, even while native code it called still reads the array. So:
 *
 * <ol>
 *   <li><b>A native call holds a Java reference to every array it reads or writes until it
 *       returns.</b> ND4J's broadcast ops do not ({@code exec(BroadcastOp)} lets the op, its
 *       {@code dimensions} array and a temporary operand go while native code runs: the SIGSEGV in
 *       {@code sd::DataBuffer::primary()} that gradient checks hit under garbage-collector
 *       pressure). This library's run only through {@link org.seq2seq.nn.Broadcast}; copies to and
 *       from Java arrays only through {@link org.seq2seq.nn.NativeFloats}; direct matrix products
 *       only through {@link org.seq2seq.nn.Gemm}; each keeps its arrays reachable until the native
 *       call is done, and {@code ArchitectureTest} keeps the unsafe ways out of the library. DL4J's
 *       own layers run broadcast ops too: {@link org.seq2seq.nn.runtime.SafeExecution} makes ND4J's CPU
 *       executioner keep every op reachable while it runs, as soon as one of our layers is made.</li>
 *   <li><b>An {@link org.seq2seq.nn.Arena} owns its buffers</b> for as long as its layer lives;
 *       a matrix it hands out (and any view of it) is valid until the arena's next
 *       {@link org.seq2seq.nn.Arena#reset()}, which only the layer's next training forward pass
 *       calls ({@link org.seq2seq.nn.KeptPass#begin()}). A kept pass is used by the one backward
 *       pass on the same input, then forgotten; nothing else holds views of the arena.</li>
 *   <li><b>A layer's outputs and gradients</b> are allocated in DL4J's workspaces, which DL4J
 *       opens and closes; a layer keeps none of them past the call that returned them.</li>
 * </ol>
 */
package org.seq2seq.nn;
