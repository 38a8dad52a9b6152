/**
 * Progress on long jobs: progress bars (me.tongfei:progressbar) when the application runs on a
 * terminal; elsewhere (CI, files) the jobs' own log lines at intervals.
 */
package org.seq2seq.app.progress;
