package org.seq2seq.encoder;

/**
 * Which LSTM layers an encoder is built from. The two compute the same function; they differ in
 * speed and in the names and layout of their parameters, so a saved model keeps the one it was
 * trained with.
 */
public enum LstmImplementation {
    /**
     * DL4J's {@code LSTM} layer, one per direction, with {@code ReverseTimeSeriesVertex},
     * {@code MergeVertex} and {@code LastTimeStepVertex} around them: models saved before the
     * encoder had its own layer.
     */
    DL4J,
    /**
     * The encoder's own {@link org.seq2seq.encoder.lstm.LstmEncoderLayer}: the input projections
     * of all steps in one matrix product, the gates fused, both directions in one layer.
     */
    FUSED
}
