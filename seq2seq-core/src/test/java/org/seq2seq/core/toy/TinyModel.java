package org.seq2seq.core.toy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The tiny trained model in the test resources ({@code tiny-model/}, see its README): German
 * "subject verb [place]." sentences to English. Copied out of the class path, so it works from
 * this module's test classes and from its test-jar alike.
 */
public final class TinyModel {
    private static final String ROOT = "/tiny-model/";

    private TinyModel() {
    }

    /** Copies the saved model into {@code directory} (created) and returns it. */
    public static Path copyTo(Path directory) {
        return copyModel(ROOT + "model/", directory);
    }

    /**
     * Copies a saved model from the test class path into {@code directory} (created).
     *
     * @param resourceDirectory the model's directory on the class path, with a leading and a
     *                          trailing slash, for example {@code /tiny-model/model/}
     * @return {@code directory}
     */
    public static Path copyModel(String resourceDirectory, Path directory) {
        try {
            Files.createDirectories(directory);
            JsonNode manifest = new ObjectMapper().readTree(classPathResource(resourceDirectory + "manifest.json"));
            List<String> files = new ArrayList<>(List.of("manifest.json"));
            for (Iterator<String> names = manifest.get("sha256").fieldNames(); names.hasNext(); ) {
                files.add(names.next());
            }
            for (String file : files) {
                try (InputStream in = TinyModel.class.getResourceAsStream(resourceDirectory + file)) {
                    Files.copy(in, directory.resolve(file));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The held-out pairs (sources and their one reference), which the model never trained on. */
    public static List<String[]> validationPairs() {
        return pairs("valid.de-en.csv");
    }

    /** The pairs it was trained on. */
    public static List<String[]> trainingPairs() {
        return pairs("train.de-en.csv");
    }

    /** Where the held-out pairs are, as a file (CSV with header {@code source,target}). */
    public static Path copyValidationCorpus(Path file) {
        try {
            return Files.write(file, resource("valid.de-en.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> pairs(String file) {
        List<String[]> pairs = new ArrayList<>();
        String[] lines = new String(resource(file), java.nio.charset.StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            pairs.add(lines[i].split(","));     // no commas or quotes inside these sentences
        }
        return pairs;
    }

    private static byte[] resource(String name) {
        return classPathResource(ROOT + name);
    }

    /** A test resource's bytes, by its absolute class-path name. */
    public static byte[] classPathResource(String path) {
        try (InputStream in = TinyModel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
