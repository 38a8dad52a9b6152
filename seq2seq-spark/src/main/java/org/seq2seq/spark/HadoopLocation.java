package org.seq2seq.spark;

import java.util.regex.Pattern;

/**
 * Tells a Hadoop location ({@code hdfs://…}, {@code s3a://…}, {@code file://…}: a scheme and an
 * authority part) from a local path. A class of its own without Hadoop types, so that a program
 * without Spark and Hadoop on its class path can ask (loading {@link HadoopCorpora} needs them).
 */
public final class HadoopLocation {
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private HadoopLocation() {
    }

    /** Whether {@code location} names a file through Hadoop rather than a local path. */
    public static boolean is(String location) {
        return LOCATION.matcher(location).matches();
    }
}
