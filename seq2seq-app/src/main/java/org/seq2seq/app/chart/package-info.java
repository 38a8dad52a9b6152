/**
 * The per-epoch chart of a training run ({@code training.png}), drawn with XChart: an
 * application concern, kept out of the library, which writes the same figures as
 * {@code training.csv}.
 */
package org.seq2seq.app.chart;
