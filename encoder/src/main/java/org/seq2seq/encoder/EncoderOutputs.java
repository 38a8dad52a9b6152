package org.seq2seq.encoder;

/**
 * Names of the encoder's two results in the graph under construction.
 *
 * @param context the vertex whose output is the context vector {@code [B, H]}
 * @param memory  the vertex whose output is the per-step encoder outputs {@code [B, H, S]}
 *                (NCW), the memory that attention reads; what they hold at padded positions is
 *                unspecified, so readers mask them
 */
public record EncoderOutputs(String context, String memory) {
}
