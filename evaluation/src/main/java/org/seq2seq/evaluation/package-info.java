/**
 * Evaluation: sacreBLEU-exact BLEU and chrF ({@code metrics}) and evaluation runs over a test
 * corpus ({@code run}). Takes the translator as a function, so that it needs no model code.
 */
package org.seq2seq.evaluation;
