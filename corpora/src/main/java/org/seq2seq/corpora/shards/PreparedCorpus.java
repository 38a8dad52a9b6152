package org.seq2seq.corpora.shards;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.OutputPaths;
import org.seq2seq.corpora.ParallelPass;
import org.seq2seq.corpora.PassProgress;
import org.seq2seq.corpora.TemporaryFiles;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PairCursor;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.batch.PairSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training corpus encoded once into token ids and written as {@link ShardFile shards} in a
 * directory, with a {@code manifest.properties} naming the source file's size and SHA-256, the
 * vocabulary sizes and the layout. Each pair goes to a shard drawn at random (from a seed), so
 * every shard is a sample of the whole corpus, however the file is ordered; a pass reads the
 * shards one at a time, in a new order for every {@link #open(long) order}, so memory holds one
 * shard whatever the corpus's size.
 *
 * <p>The directory appears complete or not at all: it is written under a temporary name and
 * renamed when done; a failure (a full disk, a bad record) deletes what was written.
 */
public final class PreparedCorpus implements PairSource {
    private static final Logger log = LoggerFactory.getLogger(PreparedCorpus.class);
    public static final String MANIFEST = "manifest.properties";
    private static final int FORMAT = 1;

    /**
     * How a corpus is cut into shards.
     *
     * @param shards        the number of shards, or 0 for one per {@code bytesPerShard} of the source file
     * @param bytesPerShard source-file bytes per shard when {@code shards} is 0 (default 64 MiB: a
     *                      shard of about half a million pairs of 20-word sentences)
     * @param seed          draws each pair's shard
     */
    public record Layout(int shards, long bytesPerShard, long seed) {
        public Layout {
            if (shards < 0 || bytesPerShard < 1) {
                throw new IllegalArgumentException("shards must be 0 (from the size) or more and bytes per shard "
                        + "at least 1, got " + shards + " and " + bytesPerShard);
            }
        }

        /** One shard per 64 MiB of the source file. */
        public static Layout bySize(long seed) {
            return new Layout(0, 64L << 20, seed);
        }

        int shardsFor(long sourceBytes) {
            return shards > 0 ? shards : (int) Math.max(1, Math.min(100_000, (sourceBytes + bytesPerShard - 1)
                    / bytesPerShard));
        }
    }

    /** Opens a shard file for writing; tests put a full disk here. */
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    private final Path dir;
    private final List<Path> shards;
    private final long pairs;
    private final int sourceVocabulary;
    private final int targetVocabulary;
    private final SourceFingerprint source;

    private PreparedCorpus(Path dir, List<Path> shards, long pairs, int sourceVocabulary, int targetVocabulary,
                           SourceFingerprint source) {
        this.dir = dir;
        this.shards = List.copyOf(shards);
        this.pairs = pairs;
        this.sourceVocabulary = sourceVocabulary;
        this.targetVocabulary = targetVocabulary;
        this.source = source;
    }

    /**
     * Encodes every pair of {@code corpus} and writes the shards into {@code dir}, which must not
     * exist yet.
     *
     * @param expectedBytes what the shards will take, if known (else 0): checked against the
     *                      disk's free space before anything is written
     * @throws CorpusException naming {@code dir} when it cannot be written (a full disk), or the
     *                         corpus file and record when a record is bad; nothing is left behind
     */
    public static PreparedCorpus prepare(Path corpus, CorpusFormat format, PairEncoder encoder, Path dir,
                                         Layout layout, long expectedBytes) {
        return prepare(corpus, format, encoder, dir, layout, expectedBytes, 1, Files::newOutputStream);
    }

    /**
     * As {@link #prepare(Path, CorpusFormat, PairEncoder, Path, Layout, long)}, encoding on
     * {@code threads} threads ({@link ParallelPass}): the same shards for any number.
     */
    public static PreparedCorpus prepare(Path corpus, CorpusFormat format, PairEncoder encoder, Path dir,
                                         Layout layout, long expectedBytes, int threads) {
        return prepare(corpus, format, encoder, dir, layout, expectedBytes, threads, Files::newOutputStream);
    }

    static PreparedCorpus prepare(Path corpus, CorpusFormat format, PairEncoder encoder, Path dir, Layout layout,
                                  long expectedBytes, int threads, Opener opener) {
        Objects.requireNonNull(encoder, "encoder");
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + ": a prepared corpus's directory must be new, and this exists");
        }
        Path parent = dir.toAbsolutePath().getParent();
        int sourceSize = encoder.sourceVocabulary().size();
        int targetSize = encoder.targetVocabulary().size();
        int width = Math.max(sourceSize, targetSize) <= 1 << 16 ? 2 : 4;
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            long free = Files.getFileStore(parent).getUsableSpace();
            if (expectedBytes > free) {
                throw new CorpusException(dir, String.format(Locale.ROOT, "the prepared corpus needs about %.1f MB "
                        + "and the disk has %.1f MB free; free some space or choose another output directory",
                        expectedBytes / 1e6, free / 1e6), null);
            }
            tmp = TemporaryFiles.newDirectory(parent, temporaryPrefix(dir));
            SourceFingerprint fingerprint = SourceFingerprint.of(corpus);
            int count = layout.shardsFor(fingerprint.bytes());
            List<Path> files = new ArrayList<>();
            List<ShardFile.Writer> writers = new ArrayList<>();
            long pairs;
            try {
                for (int k = 0; k < count; k++) {
                    Path file = tmp.resolve(name(k));
                    files.add(dir.resolve(name(k)));
                    writers.add(new ShardFile.Writer(new BufferedOutputStream(opener.open(file), 1 << 16), width));
                }
                SplittableRandom pick = new SplittableRandom(layout.seed());
                PassProgress progress = new PassProgress(log, "preparing " + corpus + " in " + count + " shards", 0);
                try (CorpusReader reader = CorpusReader.open(corpus, format)) {
                    ParallelPass.run(reader.iterator(), threads, encoder::encode, pair -> {
                        try {
                            writers.get(pick.nextInt(count)).add(pair);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        progress.add();
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                progress.finish();
                pairs = progress.done();
                for (ShardFile.Writer w : writers) {
                    w.finish();
                }
            } finally {
                for (ShardFile.Writer w : writers) {
                    w.close();
                }
            }
            Properties manifest = new Properties();
            manifest.setProperty("format", Integer.toString(FORMAT));
            manifest.setProperty("source.file", corpus.toAbsolutePath().normalize().toString());
            manifest.setProperty("source.bytes", Long.toString(fingerprint.bytes()));
            manifest.setProperty("source.sha256", fingerprint.sha256());
            manifest.setProperty("pairs", Long.toString(pairs));
            manifest.setProperty("shards", Integer.toString(count));
            manifest.setProperty("token.width", Integer.toString(width));
            manifest.setProperty("vocabulary.source", Integer.toString(sourceSize));
            manifest.setProperty("vocabulary.target", Integer.toString(targetSize));
            manifest.setProperty("seed", Long.toString(layout.seed()));
            StringBuilder text = new StringBuilder("# a corpus prepared for training: do not edit\n");
            manifest.stringPropertyNames().stream().sorted()
                    .forEach(k -> text.append(k).append('=').append(manifest.getProperty(k)).append('\n'));
            TemporaryFiles.writeUtf8(tmp.resolve(MANIFEST), text);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            log.info(String.format(Locale.ROOT, "prepared %,d pairs in %d shards, %.1f MB, in %s", pairs, count,
                    bytes(dir) / 1e6, dir));
            return new PreparedCorpus(dir, files, pairs, sourceSize, targetSize, fingerprint);
        } catch (IOException e) {
            throw new CorpusException(dir, "the prepared corpus could not be written (" + OutputPaths.reason(e)
                    + "); nothing was kept", e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Deletes what a preparation of {@code dir} that did not finish (a killed process) left
     * beside it, under the temporary name {@link #prepare} writes to. Only for when no other
     * process may be preparing {@code dir} (a training run holds its directory's lock).
     *
     * @return the directories deleted
     */
    public static List<Path> deleteUnfinished(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        String prefix = temporaryPrefix(dir);
        List<Path> stale;
        try (Stream<Path> entries = Files.list(parent)) {
            stale = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path p : stale) {
            TemporaryFiles.deleteRecursively(p);
        }
        return stale;
    }

    private static String temporaryPrefix(Path dir) {
        return "." + dir.getFileName() + ".";
    }

    /**
     * Opens a prepared corpus for a model with these vocabulary sizes.
     *
     * @throws CorpusException naming the manifest when it is missing, malformed or made for other
     *                         vocabularies, or a shard that is missing
     */
    public static PreparedCorpus open(Path dir, int sourceVocabulary, int targetVocabulary) {
        Path manifestFile = dir.resolve(MANIFEST);
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(Files.readString(manifestFile)));
        } catch (IOException e) {
            throw new CorpusException(manifestFile, "cannot be read (" + OutputPaths.reason(e)
                    + "); delete " + dir + " to prepare the corpus again", e);
        }
        int format = (int) number(manifest, manifestFile, "format");
        if (format != FORMAT) {
            throw new CorpusException(manifestFile, "format " + format + " is not " + FORMAT + "; delete " + dir
                    + " to prepare the corpus again", null);
        }
        int count = (int) number(manifest, manifestFile, "shards");
        long pairs = number(manifest, manifestFile, "pairs");
        int sourceSize = (int) number(manifest, manifestFile, "vocabulary.source");
        int targetSize = (int) number(manifest, manifestFile, "vocabulary.target");
        if (sourceSize != sourceVocabulary || targetSize != targetVocabulary) {
            throw new CorpusException(manifestFile, "prepared for vocabularies of " + sourceSize + " and "
                    + targetSize + " tokens, but the model's have " + sourceVocabulary + " and " + targetVocabulary
                    + "; delete " + dir + " to prepare the corpus again", null);
        }
        String sha = manifest.getProperty("source.sha256");
        if (sha == null) {
            throw new CorpusException(manifestFile, "no source.sha256; delete " + dir
                    + " to prepare the corpus again", null);
        }
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Path file = dir.resolve(name(k));
            if (!Files.isRegularFile(file)) {
                throw new CorpusException(file, "a shard of the prepared corpus is missing; delete " + dir
                        + " to prepare the corpus again", null);
            }
            files.add(file);
        }
        return new PreparedCorpus(dir, files, pairs, sourceSize, targetSize,
                new SourceFingerprint(number(manifest, manifestFile, "source.bytes"), sha));
    }

    /**
     * Checks that {@code corpus} still holds what was prepared: the same size and SHA-256.
     *
     * @throws IllegalArgumentException naming the file and the prepared directory when it changed
     */
    public PreparedCorpus requireSource(Path corpus) {
        SourceFingerprint now = SourceFingerprint.of(corpus);
        if (!now.equals(source)) {
            throw new IllegalArgumentException(corpus + ": the training corpus changed since it was prepared in "
                    + dir + " (" + (now.bytes() != source.bytes() ? source.bytes() + " bytes then, " + now.bytes()
                    + " now" : "same size, different SHA-256") + "); resuming would mix two corpora: restore the "
                    + "file, or start a new run");
        }
        return this;
    }

    public Path directory() {
        return dir;
    }

    /** The number of shards. */
    public int shards() {
        return shards.size();
    }

    /** The source file as prepared. */
    public SourceFingerprint source() {
        return source;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(pairs);
    }

    /** A pass over the shards in stored order. */
    @Override
    public PairCursor open() {
        List<Path> order = new ArrayList<>(shards);
        return cursor(order);
    }

    /** A pass over the shards in an order drawn from {@code order}, each shard's pairs in stored order. */
    @Override
    public PairCursor open(long order) {
        List<Path> shuffled = new ArrayList<>(shards);
        SplittableRandom random = new SplittableRandom(order);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            shuffled.set(j, shuffled.set(i, shuffled.get(j)));
        }
        return cursor(shuffled);
    }

    private PairCursor cursor(List<Path> order) {
        Iterator<Path> files = order.iterator();
        return PairCursor.over(new Iterator<>() {
            private Iterator<EncodedPair> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!files.hasNext()) {
                        return false;
                    }
                    current = ShardFile.read(files.next()).pairs(sourceVocabulary, targetVocabulary);
                }
                return true;
            }

            @Override
            public EncodedPair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        }, () -> { });
    }

    /** Disk bytes of the shards of {@code pairs} pairs holding {@code tokens} tokens in all, vocabularies of these sizes. */
    public static long estimateBytes(long pairs, long tokens, int sourceVocabulary, int targetVocabulary) {
        int width = Math.max(sourceVocabulary, targetVocabulary) <= 1 << 16 ? 2 : 4;
        return ShardFile.HEADER + 8 * pairs + width * tokens;
    }

    static String name(int shard) {
        return String.format(Locale.ROOT, "shard-%05d.bin", shard);
    }

    private static long number(Properties manifest, Path file, String key) {
        String value = manifest.getProperty(key);
        try {
            return Long.parseLong(Objects.requireNonNull(value, key));
        } catch (RuntimeException e) {
            throw new CorpusException(file, key + " is " + (value == null ? "missing" : "'" + value + "', not a number")
                    + "; delete " + file.getParent() + " to prepare the corpus again", e);
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            TemporaryFiles.deleteRecursively(dir);
        } catch (IOException ignored) {
            // best effort: the caller reports the failure that brought us here
        }
    }
}
