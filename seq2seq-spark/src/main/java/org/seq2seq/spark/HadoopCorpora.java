package org.seq2seq.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Corpora at Hadoop locations ({@code hdfs://}, {@code s3a://}, {@code file://}, any scheme the
 * cluster's Hadoop configuration knows): the driver copies each into a local file once, before
 * training, and trains from that copy: the driver builds the batches (so that a run on Spark
 * takes the very batches of a run on one machine, and resumes exactly) and hands each replica its
 * pairs, a few kilobytes a step; what Hadoop adds is reaching where the corpus lives.
 */
public final class HadoopCorpora {
    private HadoopCorpora() {
    }

    /**
     * Copies the file at a Hadoop location into {@code directory}, under its own name (so that
     * its extension still says CSV, TSV or gzip).
     *
     * @param location a {@linkplain HadoopLocation Hadoop location}
     * @param hadoop   the Hadoop configuration that reaches it (Spark's, with the user's settings)
     * @return the local copy
     * @throws IllegalArgumentException when there is no such file, or it is a directory
     */
    public static Path copyToLocal(String location, Configuration hadoop, Path directory) throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = source.getFileSystem(hadoop);
        try {
            if (fs.getFileStatus(source).isDirectory()) {
                throw new IllegalArgumentException(location + ": a directory, not a corpus file");
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(location + ": no such file");
        }
        Files.createDirectories(directory);
        Path target = directory.resolve(source.getName());
        Path partial = directory.resolve(source.getName() + ".part");
        try (InputStream in = fs.open(source)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
