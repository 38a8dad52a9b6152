/**
 * The application: assembles corpora, encoder, decoder and evaluation into commands, and picks
 * the ND4J backend and the SLF4J binding, which the library modules leave to it.
 */
package org.seq2seq.app;
