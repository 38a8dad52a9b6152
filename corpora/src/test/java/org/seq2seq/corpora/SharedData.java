package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared material that sits beside the project ({@code ../shared} from the project
 * root), or where {@code -Dseq2seq.shared=...} says.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared directory, whether or not it exists. */
    public static Path root() {
        String override = System.getProperty("seq2seq.shared");
        if (override != null) {
            return Path.of(override);
        }
        // Surefire runs in the module directory: <project>/corpora -> <project>/../shared
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return module.getParent().resolveSibling("shared");
    }

    /** A file under the shared directory; the test is skipped, with a message, when it is absent. */
    public static Path require(String relative) {
        Path file = root().resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file
                + " is not there (the shared material lives in ../shared beside the project)");
        return file;
    }
}
