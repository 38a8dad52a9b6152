package org.seq2seq.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.io.AtomicFiles;
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.shortlist.ShortlistFile;

/**
 * A saved {@link Seq2SeqModel}: one directory holding
 *
 * <pre>
 * manifest.json   format name, format version, and the SHA-256 of every other file
 * graph.zip       the ComputationGraph, with its updater (optimizer) state, by DL4J's ModelSerializer
 * source.vocab    source vocabulary, one token per line
 * target.vocab    target vocabulary
 * model.json      model configuration and both tokenizers' settings
 * source.bpe      the source side's BPE codes (subword-nmt's format), if it uses subwords
 * target.bpe      the target side's BPE codes, if it uses subwords
 * *.json          documents the caller adds, e.g. the training configuration and state
 * </pre>
 *
 * Saving writes a temporary directory and renames it into place, so a crash never leaves a
 * partial model under the final name. Loading checks the manifest first and refuses, with a
 * {@link ModelFormatException} naming the problem, a directory that is not a model, is
 * incomplete, is corrupted, or is of another format version.
 */
public final class ModelDirectory {
    public static final String FORMAT = "seq2seq-model";
    public static final int VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String GRAPH = "graph.zip";
    public static final String SOURCE_VOCABULARY = "source.vocab";
    public static final String TARGET_VOCABULARY = "target.vocab";
    public static final String MODEL = "model.json";
    /** The large matrices of a quantized model, as integers ({@link Int8Weights}); graph.zip then holds 0 for them. */
    public static final String QUANTIZED = "quantized.bin";
    /** The model's vocabulary shortlist, when it has one ({@link ShortlistFile}). */
    public static final String SHORTLIST = "shortlist.bin";
    private static final List<String> REQUIRED = List.of(GRAPH, SOURCE_VOCABULARY, TARGET_VOCABULARY, MODEL);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Seq2SeqModel model;
    private final Map<String, byte[]> documents;
    private final boolean quantized;

    private ModelDirectory(Path directory, Seq2SeqModel model, Map<String, byte[]> documents, boolean quantized) {
        this.directory = directory;
        this.model = model;
        this.documents = documents;
        this.quantized = quantized;
    }

    /**
     * What a saved model is, read from its {@code model.json} (and BPE codes) without its weights
     * or checksums: for checking options against a model before loading it.
     *
     * @param config          its sizes and options
     * @param sourceTokenizer how it tokenizes source sentences
     * @param targetTokenizer how it tokenizes target sentences
     * @param quantized       whether its large matrices are stored as 8-bit integers
     */
    public record Description(ModelConfig config, TokenizerSpec sourceTokenizer, TokenizerSpec targetTokenizer,
                              boolean quantized) {
    }

    /**
     * Describes the saved model in {@code directory}; {@link #load} checks it in full.
     *
     * @throws ModelFormatException if it is not a model of this format version, or its
     *                              {@code model.json} cannot be read
     */
    public static Description describe(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory, Files.exists(directory)
                    ? "is a file, not a model directory" : "no such model directory");
        }
        Manifest manifest = readManifest(directory);
        try {
            ModelJson json = JSON.readValue(directory.resolve(MODEL).toFile(), ModelJson.class);
            return new Description(json.model(), json.sourceTokenizer().spec(directory),
                    json.targetTokenizer().spec(directory), manifest.sha256().containsKey(QUANTIZED));
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(directory, "corrupted: " + MODEL + " cannot be read (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Whether the model's large matrices were stored as 8-bit integers ({@code quantize}): loaded, they are floats again. */
    public boolean quantized() {
        return quantized;
    }

    private record Manifest(String format, int version, Map<String, String> sha256) {
    }

    public static final String SOURCE_CODES = "source.bpe";
    public static final String TARGET_CODES = "target.bpe";

    private record ModelJson(ModelConfig model, TokenizerJson sourceTokenizer, TokenizerJson targetTokenizer) {
    }

    /**
     * A tokenizer's settings in {@code model.json}: the codes of subwords are a file beside it
     * ({@code subwords} names it; absent for whole words and in models saved before subwords).
     */
    private record TokenizerJson(TokenizerSpec.Kind kind, boolean lowercase, boolean reversed, String subwords) {
        static TokenizerJson of(TokenizerSpec spec, String codesFile) {
            return new TokenizerJson(spec.kind(), spec.lowercase(), spec.reversed(),
                    spec.subwords() == null ? null : codesFile);
        }

        TokenizerSpec spec(Path directory) throws IOException {
            TokenizerSpec spec = new TokenizerSpec(kind, lowercase, reversed, null);
            if (subwords == null) {
                return spec;
            }
            if (!subwords.equals(SOURCE_CODES) && !subwords.equals(TARGET_CODES)) {
                throw new IOException(MODEL + " names BPE codes '" + subwords + "', not " + SOURCE_CODES + " or "
                        + TARGET_CODES);
            }
            return spec.withSubwords(BpeCodes.load(directory.resolve(subwords)));
        }
    }

    /**
     * Saves {@code model} and {@code documents} (name to object, written as JSON) into
     * {@code directory}, which must not exist yet.
     *
     * @param documents extra JSON documents; names end in {@code .json} and are not the model's own
     */
    public static void save(Seq2SeqModel model, Map<String, ?> documents, Path directory) throws IOException {
        save(model, documents, directory, 0);
    }

    /**
     * Saves {@code model} as {@link #save(Seq2SeqModel, Map, Path)} does, its large matrices as
     * 8-bit integers ({@link Int8Weights}, about a quarter of the disk space); loaded, they are
     * floats again, within half a scale step of the originals.
     *
     * @param minEntries the smallest matrix quantized ({@link Int8Weights#MIN_ENTRIES} by default)
     * @return the quantized weights written
     */
    public static Int8Weights saveQuantized(Seq2SeqModel model, Map<String, ?> documents, Path directory,
                                            long minEntries) throws IOException {
        return save(model, documents, directory, minEntries);
    }

    private static Int8Weights save(Seq2SeqModel model, Map<String, ?> documents, Path directory, long quantizeFrom)
            throws IOException {
        Objects.requireNonNull(model, "model");
        for (String name : documents.keySet()) {
            if (!name.matches("[A-Za-z0-9_.-]+\\.json") || name.equals(MANIFEST) || REQUIRED.contains(name)) {
                throw new IllegalArgumentException("cannot save a document named '" + name + "'");
            }
        }
        Int8Weights quantized = quantizeFrom > 0 ? Int8Weights.of(model.graph(), quantizeFrom) : null;
        AtomicFiles.createDirectory(directory, into -> {
            if (quantized == null) {
                ModelSerializer.writeModel(model.graph(), into.resolve(GRAPH).toFile(), true);
            } else {
                ComputationGraph zeroed = model.graph().clone();         // the quantized matrices as 0: they compress away
                quantized.zeroIn(zeroed);
                ModelSerializer.writeModel(zeroed, into.resolve(GRAPH).toFile(), false);
                quantized.save(into.resolve(QUANTIZED));
            }
            model.sourceVocabulary().save(into.resolve(SOURCE_VOCABULARY));
            model.targetVocabulary().save(into.resolve(TARGET_VOCABULARY));
            JSON.writeValue(into.resolve(MODEL).toFile(), new ModelJson(model.config(),
                    TokenizerJson.of(model.sourceTokenizer(), SOURCE_CODES),
                    TokenizerJson.of(model.targetTokenizer(), TARGET_CODES)));
            if (model.sourceTokenizer().subwords() != null) {
                Files.writeString(into.resolve(SOURCE_CODES), model.sourceTokenizer().subwords().text());
            }
            if (model.targetTokenizer().subwords() != null) {
                Files.writeString(into.resolve(TARGET_CODES), model.targetTokenizer().subwords().text());
            }
            if (model.shortlist() != null) {
                ShortlistFile.save(model.shortlist(), into.resolve(SHORTLIST));
            }
            for (Map.Entry<String, ?> d : documents.entrySet()) {
                JSON.writeValue(into.resolve(d.getKey()).toFile(), d.getValue());
            }
            Map<String, String> sums = new TreeMap<>();
            try (var files = Files.list(into)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    sums.put(f.getFileName().toString(), sha256(f));
                }
            }
            JSON.writeValue(into.resolve(MANIFEST).toFile(), new Manifest(FORMAT, VERSION, sums));
        });
        return quantized;
    }

    /** Saves a model without extra documents. */
    public static void save(Seq2SeqModel model, Path directory) throws IOException {
        save(model, Map.of(), directory);
    }

    /**
     * Checks and loads a saved model with its optimizer's state, to resume training from.
     *
     * @throws ModelFormatException if {@code directory} is not a complete, intact model of this
     *                              format version
     */
    public static ModelDirectory load(Path directory) throws IOException {
        return load(directory, true);
    }

    /**
     * Checks and loads a saved model, with or without the optimizer's state (Adam's moments, twice
     * the parameters' size in {@code graph.zip}), which only resuming training reads: translating
     * skips it and loads about a second sooner for a model of 11 million parameters.
     *
     * @param trainingState whether to read the optimizer's state
     * @throws ModelFormatException if {@code directory} is not a complete, intact model of this
     *                              format version
     */
    public static ModelDirectory load(Path directory, boolean trainingState) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory, Files.exists(directory)
                    ? "is a file, not a model directory" : "no such model directory");
        }
        Manifest manifest = readManifest(directory);
        for (String name : REQUIRED) {
            if (!manifest.sha256().containsKey(name)) {
                throw new ModelFormatException(directory, "incomplete: " + MANIFEST + " does not list " + name);
            }
        }
        for (Map.Entry<String, String> file : manifest.sha256().entrySet()) {
            Path path = directory.resolve(file.getKey());
            if (!path.normalize().startsWith(directory.normalize()) || !Files.isRegularFile(path)) {
                throw new ModelFormatException(directory, "incomplete: " + file.getKey() + " is missing");
            }
            if (!sha256(path).equals(file.getValue())) {
                throw new ModelFormatException(directory, "corrupted: " + file.getKey()
                        + " does not match its checksum in " + MANIFEST);
            }
        }
        Seq2SeqModel model;
        try {
            ModelJson json = JSON.readValue(directory.resolve(MODEL).toFile(), ModelJson.class);
            ComputationGraph graph = trainingState
                    ? ModelSerializer.restoreComputationGraph(directory.resolve(GRAPH).toFile(), true)
                    : readParameters(directory.resolve(GRAPH));
            if (manifest.sha256().containsKey(QUANTIZED)) {
                Int8Weights.load(directory.resolve(QUANTIZED)).writeInto(graph);
            }
            model = new Seq2SeqModel(graph, json.model(), Vocabulary.load(directory.resolve(SOURCE_VOCABULARY)),
                    Vocabulary.load(directory.resolve(TARGET_VOCABULARY)), json.sourceTokenizer().spec(directory),
                    json.targetTokenizer().spec(directory),
                    manifest.sha256().containsKey(SHORTLIST) ? ShortlistFile.load(directory.resolve(SHORTLIST)) : null);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new ModelFormatException(directory, MODEL + " has the setting '" + e.getPropertyName()
                    + "', which this version does not know: the model was saved by a newer version of seq2seq", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(directory, "corrupted: its files pass their checksums but do not "
                    + "make a model (" + e.getMessage() + ")", e);
        }
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (String name : manifest.sha256().keySet()) {
            if (name.endsWith(".json") && !name.equals(MODEL)) {
                documents.put(name, Files.readAllBytes(directory.resolve(name)));
            }
        }
        return new ModelDirectory(directory, model, documents, manifest.sha256().containsKey(QUANTIZED));
    }

    /**
     * The graph of a {@code graph.zip} written by DL4J's {@code ModelSerializer}, from its
     * configuration and parameter entries only: DL4J's reader decompresses every entry into
     * memory first, the optimizer's state (twice the parameters) included.
     */
    private static ComputationGraph readParameters(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry configuration = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            ZipEntry coefficients = zip.getEntry(ModelSerializer.COEFFICIENTS_BIN);
            if (configuration == null || coefficients == null || coefficients.getSize() == 0) {
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);    // what DL4J knows how to read
            }
            ComputationGraphConfiguration conf;
            try (InputStream in = zip.getInputStream(configuration)) {
                conf = ComputationGraphConfiguration.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            INDArray parameters;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(coefficients), 1 << 16))) {
                parameters = Nd4j.read(in);
            }
            conf.setDataType(parameters.dataType());
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init(parameters, false);
            return graph;
        }
    }

    /** Whether {@code directory} looks like a saved model (has a manifest); nothing is checked. */
    public static boolean isModel(Path directory) {
        return Files.isRegularFile(directory.resolve(MANIFEST));
    }

    public Path directory() {
        return directory;
    }

    public Seq2SeqModel model() {
        return model;
    }

    /** The names of the extra documents. */
    public Set<String> documentNames() {
        return documents.keySet();
    }

    /** An extra document read back as {@code type}; empty if the model has none of that name. */
    public <T> Optional<T> document(String name, Class<T> type) throws ModelFormatException {
        byte[] bytes = documents.get(name);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes, type));
        } catch (IOException e) {
            throw new ModelFormatException(directory, "corrupted: " + name + " cannot be read as "
                    + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        }
    }

    private static Manifest readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(directory, "not a saved model, or an incomplete one: " + MANIFEST
                    + " is missing");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(directory, "corrupted: " + MANIFEST + " cannot be parsed ("
                    + e.getOriginalMessage() + ")", e);
        }
        // Format and version first: a later version may have fields this one does not know.
        String format = tree == null ? null : tree.path("format").asText(null);
        if (!FORMAT.equals(format)) {
            throw new ModelFormatException(directory, MANIFEST + " says format '" + format + "', not '"
                    + FORMAT + "'");
        }
        int version = tree.path("version").asInt(-1);
        if (version != VERSION) {
            throw new ModelFormatException(directory, "is format version " + tree.path("version")
                    + "; this build reads version " + VERSION);
        }
        try {
            Manifest manifest = JSON.treeToValue(tree, Manifest.class);
            if (manifest.sha256() == null) {
                throw new ModelFormatException(directory, "corrupted: " + MANIFEST + " lists no files");
            }
            return manifest;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(directory, "corrupted: " + MANIFEST + " cannot be read ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
