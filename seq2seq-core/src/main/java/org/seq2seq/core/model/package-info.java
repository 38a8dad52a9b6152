/**
 * The translation model as one DL4J {@code ComputationGraph}, and its saved form.
 *
 * <p>{@link org.seq2seq.core.model.ModelConfig} holds the sizes;
 * {@link org.seq2seq.core.model.Seq2SeqGraph} wires the LSTM encoder and the context-seeded GRU
 * decoder with a softmax output over the target vocabulary;
 * {@link org.seq2seq.core.model.Seq2SeqModel} is a graph with its vocabularies and tokenizers;
 * {@link org.seq2seq.core.model.ModelDirectory} saves and loads it, and
 * {@link org.seq2seq.core.model.RunDirectory} finds the best saved model of a training run;
 * {@link org.seq2seq.core.model.ModelFactory} makes new models of a
 * {@link org.seq2seq.core.model.ModelShape}.
 */
package org.seq2seq.core.model;
