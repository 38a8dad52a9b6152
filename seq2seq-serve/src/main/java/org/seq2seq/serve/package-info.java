/**
 * The library's {@link org.seq2seq.core.translate.Translator} behind HTTP: a JSON API (its own and
 * OpenNMT-py's shape), dynamic batching of concurrent requests, Prometheus metrics, limits that
 * answer bad input with a JSON error naming the field, a graceful stop, and a web page with an
 * attention heat map, all served from the jar. {@link org.seq2seq.serve.TranslationServer} is the
 * entry point; the application's {@code serve} command wraps it.
 */
package org.seq2seq.serve;
