package org.seq2seq.corpora.mix;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.corpora.TemporaryFiles;

/**
 * Writes several corpora as one CSV corpus (header {@code source,target}; gzip-compressed when the
 * name ends in {@code .gz}), each part's pairs repeated {@link MixPart#repeat()} times and the
 * parts interleaved evenly: after any number of written pairs, each part has contributed its
 * share of them to within one pair. A first pass counts each file's pairs, a second writes; each
 * repeat of a part reads its file again, so memory holds one reader per part whatever the sizes.
 * The result appears under its name only when complete.
 */
public final class CorpusMix {
    private static final CSVFormat OUTPUT = CSVFormat.RFC4180.builder().setHeader("source", "target")
            .setRecordSeparator('\n').build();

    private final List<MixPart> parts;

    /** A mix of these parts, in this order; at least one. */
    public CorpusMix(List<MixPart> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one corpus");
        }
        this.parts = List.copyOf(parts);
    }

    /**
     * Counts the parts' pairs, then writes the mix to {@code output}.
     *
     * @param progress told the number of pairs written so far, now and then
     * @throws CorpusException when a file cannot be read, has a bad record (under the part's
     *                         policy), holds no pairs or changed between the two passes
     */
    public MixReport write(Path output, LongConsumer progress) throws IOException {
        List<Long> counts = new ArrayList<>();
        for (MixPart part : parts) {
            long n = count(part);
            if (n == 0) {
                throw new CorpusException(part.file(), "holds no sentence pairs to mix", null);
            }
            counts.add(n);
        }
        Path dir = output.toAbsolutePath().getParent();
        Path partial = TemporaryFiles.newFile(dir, "." + output.getFileName() + ".", ".partial");
        long written;
        try {
            try (OutputStream file = Files.newOutputStream(partial);
                 OutputStream out = output.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file,
                         1 << 16) : file;
                 Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                 CSVPrinter printer = new CSVPrinter(writer, OUTPUT)) {
                written = interleave(counts, printer, progress);
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new MixReport(counts, written);
    }

    private static long count(MixPart part) {
        long n = 0;
        try (CorpusReader reader = CorpusReader.open(part.file(), part.format())) {
            for (SentencePair ignored : reader) {
                n++;
            }
        }
        return n;
    }

    /**
     * Each step writes a pair of the part that lags its share most: the part with the least
     * {@code (written + 1/2) / total}, a smooth weighted round robin.
     */
    private long interleave(List<Long> counts, CSVPrinter printer, LongConsumer progress) throws IOException {
        int k = parts.size();
        long[] total = new long[k];
        long[] done = new long[k];
        PartStream[] streams = new PartStream[k];
        long all = 0;
        for (int i = 0; i < k; i++) {
            total[i] = counts.get(i) * parts.get(i).repeat();
            all += total[i];
            streams[i] = new PartStream(parts.get(i), counts.get(i));
        }
        try {
            for (long w = 0; w < all; w++) {
                int pick = -1;
                double least = Double.MAX_VALUE;
                for (int i = 0; i < k; i++) {
                    if (done[i] < total[i]) {
                        double share = (done[i] + 0.5) / total[i];
                        if (share < least) {
                            least = share;
                            pick = i;
                        }
                    }
                }
                SentencePair pair = streams[pick].next();
                printer.printRecord(pair.source(), pair.target());
                done[pick]++;
                if ((w + 1) % 100_000 == 0) {
                    progress.accept(w + 1);
                }
            }
        } finally {
            for (PartStream s : streams) {
                if (s != null) {
                    s.close();
                }
            }
        }
        progress.accept(all);
        return all;
    }

    /** A part's pairs, its file read once per repeat. */
    private static final class PartStream implements AutoCloseable {
        private final MixPart part;
        private final long expected;
        private CorpusReader reader;
        private Iterator<SentencePair> pairs;
        private long inPass;

        PartStream(MixPart part, long expected) {
            this.part = part;
            this.expected = expected;
        }

        SentencePair next() {
            if (pairs == null || !pairs.hasNext()) {
                if (pairs != null && inPass != expected) {
                    throw changed();
                }
                close();
                reader = CorpusReader.open(part.file(), part.format());
                pairs = reader.iterator();
                inPass = 0;
                if (!pairs.hasNext()) {
                    throw changed();
                }
            }
            inPass++;
            if (inPass > expected) {
                throw changed();
            }
            return pairs.next();
        }

        private CorpusException changed() {
            return new CorpusException(part.file(), "changed while being mixed (" + expected
                    + " pairs when counted)", null);
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    @Override
    public String toString() {
        return "CorpusMix" + parts;
    }
}
