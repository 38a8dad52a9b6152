package org.seq2seq.core.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One training process per run directory: an operating-system lock on {@code OUTPUT/.lock},
 * held while the run trains and released when it ends or its process dies. A second
 * {@code train} (say a {@code --resume} started while the first is still saving its last
 * checkpoint) would otherwise interleave checkpoints of two models in one directory.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code output}, making the directory if needed.
     *
     * @throws IllegalArgumentException if another process (or another run in this one) holds it
     */
    static RunLock acquire(Path output) throws IOException {
        Files.createDirectories(output);
        FileChannel channel = FileChannel.open(output.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                   // held by this very process
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(output + " is being trained by another process; wait for it to end "
                    + "(or stop it) before starting or resuming a run there");
        }
        return new RunLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
