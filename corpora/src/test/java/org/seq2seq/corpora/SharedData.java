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

    /** A file under the shared directory, whether or not it exists. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /**
     * Skips the calling test, with a message on standard output and in the report, when
     * {@code file} is absent. Call it from each test (or a {@code @BeforeEach}), so that the tests
     * are counted as skipped.
     */
    public static void assumePresent(Path file) {
        if (!Files.isRegularFile(file)) {
            String message = "skipped: " + file + " is not there (the shared material lives in ../shared "
                    + "beside the project, or where -Dseq2seq.shared says)";
            System.out.println(message);
            assumeTrue(false, message);
        }
    }
}
