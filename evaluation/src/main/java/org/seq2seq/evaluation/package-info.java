/**
 * Evaluation: sacreBLEU-exact BLEU and chrF, and evaluation runs over a test corpus. Takes the
 * translator as a function, so that it needs no model code. Built in its own issue.
 */
package org.seq2seq.evaluation;
