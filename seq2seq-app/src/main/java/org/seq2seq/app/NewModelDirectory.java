package org.seq2seq.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.corpora.OutputPaths;

/** What the commands that write a model into a new directory share (average, shortlist, quantize). */
final class NewModelDirectory {
    private NewModelDirectory() {
    }

    /** Fails, naming {@code --output}, unless {@code output} does not exist and its directory is writable. */
    static void requireNew(Path output) {
        if (Files.exists(output)) {
            throw new IllegalArgumentException(output + ": exists already (--output wants a new directory)");
        }
        OutputPaths.requireWritableDirectory(output.toAbsolutePath().getParent(), "the directory of --output");
    }

    /**
     * The documents of {@code model} that a model made from it keeps: all but a checkpoint's
     * training state ({@code training*.json}), which describes the run, not the new model.
     */
    static Map<String, Object> documentsOf(ModelDirectory model) throws IOException {
        Map<String, Object> documents = new LinkedHashMap<>();
        for (String name : model.documentNames()) {
            if (!name.startsWith("training")) {
                model.document(name, JsonNode.class).ifPresent(d -> documents.put(name, d));
            }
        }
        return documents;
    }
}
