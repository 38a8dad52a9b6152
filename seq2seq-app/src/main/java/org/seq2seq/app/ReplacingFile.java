package org.seq2seq.app;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.seq2seq.corpora.TemporaryFiles;

/**
 * A file written beside its final place and moved over it by {@link #commit()}: a command that
 * fails halfway leaves the old file as it was and no partial one behind.
 */
final class ReplacingFile implements Closeable {
    private final Path file;
    private final Path partial;
    private final Writer writer;
    private boolean committed;

    ReplacingFile(Path file) throws IOException {
        this.file = file;
        this.partial = TemporaryFiles.newFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".",
                ".partial");
        this.writer = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8));
    }

    /** Where to write, UTF-8. */
    Writer writer() {
        return writer;
    }

    /** Moves what was written into place. */
    void commit() throws IOException {
        writer.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Removes the partial file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close();
            Files.deleteIfExists(partial);
        }
    }
}
