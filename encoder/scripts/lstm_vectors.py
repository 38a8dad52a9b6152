#!/usr/bin/python3
"""Writes encoder/src/test/resources/vectors/lstm-vectors.json: PyTorch nn.LSTM outputs and
gradients for given weights, in float64, the way ../shared/models/gru-vectors.json was made.

Needs PyTorch (apt-get install -y python3-torch, then Debian's /usr/bin/python3). From the project root:
    /usr/bin/python3 encoder/scripts/lstm_vectors.py > encoder/src/test/resources/vectors/lstm-vectors.json
"""
import json
import sys

import torch

NOTES = (
    "PyTorch %s nn.LSTM, float64, batch_first=False, sequences packed with pack_padded_sequence so "
    "that each sequence ends at its length (the backward direction starts at the last real step). "
    "Gate order in weight_ih/weight_hh rows and biases: i (input), f (forget), g (cell), o (output), "
    "each H rows. Formulas: i=sigmoid(W_ii x+b_ii+W_hi h+b_hi); f=sigmoid(W_if x+b_if+W_hf h+b_hf); "
    "g=tanh(W_ig x+b_ig+W_hg h+b_hg); o=sigmoid(W_io x+b_io+W_ho h+b_ho); c'=f*c+i*g; h'=o*tanh(c'). "
    "Shapes: x [T][B][E], h0 and c0 [directions][B][H], out [T][B][directions*H] (time-major, forward "
    "then backward features; zero at padded steps), weight_ih [4H][E], weight_hh [4H][H]; each direction's "
    "parameters under 'forward' and 'backward'. loss = sum over t<lengths[b] of out*loss_weights; "
    "gradients are dloss/d*."
)


def case(seed, e, h, steps, lengths, bidirectional):
    torch.manual_seed(seed)
    batch = len(lengths)
    dirs = 2 if bidirectional else 1
    lstm = torch.nn.LSTM(e, h, bidirectional=bidirectional).double()
    with torch.no_grad():
        for p in lstm.parameters():
            p.uniform_(-0.8, 0.8)
    x = torch.randn(steps, batch, e, dtype=torch.float64, requires_grad=True)
    h0 = (0.5 * torch.randn(dirs, batch, h, dtype=torch.float64)).requires_grad_()
    c0 = (0.5 * torch.randn(dirs, batch, h, dtype=torch.float64)).requires_grad_()
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    out_packed, _ = lstm(packed, (h0, c0))
    out, _ = torch.nn.utils.rnn.pad_packed_sequence(out_packed, total_length=steps)
    weights = torch.randn(steps, batch, dirs * h, dtype=torch.float64)
    real = torch.zeros(steps, batch, 1, dtype=torch.float64)
    for b, n in enumerate(lengths):
        real[:n, b] = 1
    loss = (out * weights * real).sum()
    loss.backward()

    def params(suffix):
        return {
            "weight_ih": getattr(lstm, "weight_ih_l0" + suffix).tolist(),
            "weight_hh": getattr(lstm, "weight_hh_l0" + suffix).tolist(),
            "bias_ih": getattr(lstm, "bias_ih_l0" + suffix).tolist(),
            "bias_hh": getattr(lstm, "bias_hh_l0" + suffix).tolist(),
            "grad_weight_ih": getattr(lstm, "weight_ih_l0" + suffix).grad.tolist(),
            "grad_weight_hh": getattr(lstm, "weight_hh_l0" + suffix).grad.tolist(),
            "grad_bias_ih": getattr(lstm, "bias_ih_l0" + suffix).grad.tolist(),
            "grad_bias_hh": getattr(lstm, "bias_hh_l0" + suffix).grad.tolist(),
        }

    result = {
        "E": e, "H": h, "T": steps, "B": batch, "lengths": lengths, "bidirectional": bidirectional,
        "forward": params(""),
        "x": x.tolist(), "h0": h0.tolist(), "c0": c0.tolist(),
        "out": out.tolist(), "loss_weights": (weights * real).tolist(), "loss": loss.item(),
        "grad_x": x.grad.tolist(), "grad_h0": h0.grad.tolist(), "grad_c0": c0.grad.tolist(),
    }
    if bidirectional:
        result["backward"] = params("_reverse")
    return result


def main():
    cases = [
        case(1, 4, 3, 5, [5, 3], False),
        case(2, 3, 2, 4, [4, 1, 2], True),
        case(3, 5, 4, 6, [6, 6, 6], True),
        case(4, 2, 5, 3, [2, 3], False),
    ]
    json.dump({"notes": NOTES % torch.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
