package org.seq2seq.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A command line run in-process, as the command-line tests need it.
 *
 * @param exitCode what {@code seq2seq} would exit with
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Seq2SeqCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A run with {@code stdin} as standard input. */
    static CliRun withInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Seq2SeqCli.run(args, new java.io.ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
