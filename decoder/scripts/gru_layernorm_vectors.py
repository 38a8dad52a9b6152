#!/usr/bin/python3
"""Writes decoder/src/test/resources/vectors/gru-layernorm-vectors.json: a layer-normalized GRU's
outputs and gradients for given weights, in float64, computed by PyTorch's autograd from the
equations below (written out here, independently of the Java code), the way
../shared/models/gru-vectors.json was made for nn.GRU.

Needs PyTorch (apt-get install -y python3-torch, then Debian's /usr/bin/python3). From the project root:
    /usr/bin/python3 decoder/scripts/gru_layernorm_vectors.py > decoder/src/test/resources/vectors/gru-layernorm-vectors.json
"""
import json
import sys

import torch
import torch.nn.functional as F

NOTES = (
    "PyTorch %s autograd, float64. A GRU in nn.GRU's gate order r, z, n whose two projections are "
    "layer-normalized over their 3H values (torch.nn.functional.layer_norm, eps 1e-5, biased variance) "
    "and scaled by a gain before the biases (Ba et al. 2016): ax = LN(x W_ih^T + extra) * gain_x + b_ih; "
    "ah = LN((h * drop) W_hh^T) * gain_h + b_hh; r = sigmoid(ax_r + ah_r); z = sigmoid(ax_z + ah_z); "
    "n = tanh(ax_n + r * ah_n); h' = (1 - z) * n + z * h; at a padded step (t >= lengths[b]) h' = h. "
    "extra [B][3H] is added to every step's input projection (a context fed to every step), drop [B][H] "
    "is a recurrent dropout mask (all ones when absent). Shapes: x [T][B][E], h0 [B][H], out [T][B][H] "
    "(h_1 .. h_T, the carried state at padded steps), weight_ih [3H][E], weight_hh [3H][H]. "
    "loss = sum of out * loss_weights over all steps; gradients are dloss/d*."
)


def case(seed, e, h, steps, lengths, with_extra, with_drop):
    torch.manual_seed(seed)
    batch = len(lengths)

    def param(*shape, scale=0.6):
        return (scale * torch.randn(*shape, dtype=torch.float64)).requires_grad_()

    weight_ih, weight_hh = param(3 * h, e), param(3 * h, h)
    bias_ih, bias_hh = param(3 * h, scale=0.3), param(3 * h, scale=0.3)
    gain_x = (1 + 0.3 * torch.randn(3 * h, dtype=torch.float64)).requires_grad_()
    gain_h = (1 + 0.3 * torch.randn(3 * h, dtype=torch.float64)).requires_grad_()
    x = torch.randn(steps, batch, e, dtype=torch.float64, requires_grad=True)
    h0 = (0.5 * torch.randn(batch, h, dtype=torch.float64)).requires_grad_()
    extra = param(batch, 3 * h, scale=0.4) if with_extra else None
    drop = ((torch.rand(batch, h, dtype=torch.float64) > 0.3).double() / 0.7) if with_drop else None

    state = h0
    outs = []
    for t in range(steps):
        proj_x = x[t] @ weight_ih.t() + (extra if extra is not None else 0)
        ax = F.layer_norm(proj_x, (3 * h,), eps=1e-5) * gain_x + bias_ih
        read = state * drop if drop is not None else state
        ah = F.layer_norm(read @ weight_hh.t(), (3 * h,), eps=1e-5) * gain_h + bias_hh
        r = torch.sigmoid(ax[:, :h] + ah[:, :h])
        z = torch.sigmoid(ax[:, h:2 * h] + ah[:, h:2 * h])
        n = torch.tanh(ax[:, 2 * h:] + r * ah[:, 2 * h:])
        new = (1 - z) * n + z * state
        real = torch.tensor([[1.0] if t < length else [0.0] for length in lengths], dtype=torch.float64)
        state = real * new + (1 - real) * state
        outs.append(state)
    out = torch.stack(outs)                                            # [T, B, H]
    weights = torch.randn(steps, batch, h, dtype=torch.float64)
    loss = (out * weights).sum()
    loss.backward()

    result = {
        "E": e, "H": h, "T": steps, "B": batch, "lengths": lengths,
        "weight_ih": weight_ih.tolist(), "weight_hh": weight_hh.tolist(),
        "bias_ih": bias_ih.tolist(), "bias_hh": bias_hh.tolist(),
        "gain_x": gain_x.tolist(), "gain_h": gain_h.tolist(),
        "x": x.tolist(), "h0": h0.tolist(), "out": out.tolist(),
        "loss_weights": weights.tolist(), "loss": loss.item(),
        "grad_weight_ih": weight_ih.grad.tolist(), "grad_weight_hh": weight_hh.grad.tolist(),
        "grad_bias_ih": bias_ih.grad.tolist(), "grad_bias_hh": bias_hh.grad.tolist(),
        "grad_gain_x": gain_x.grad.tolist(), "grad_gain_h": gain_h.grad.tolist(),
        "grad_x": x.grad.tolist(), "grad_h0": h0.grad.tolist(),
    }
    if extra is not None:
        result["extra"] = extra.tolist()
        result["grad_extra"] = extra.grad.tolist()
    if drop is not None:
        result["drop"] = drop.tolist()
    return result


def main():
    cases = [
        case(1, 4, 3, 5, [5, 3], False, False),
        case(2, 3, 5, 4, [4, 1, 2], True, False),
        case(3, 5, 4, 6, [6, 6, 6], False, True),
        case(4, 2, 6, 3, [2, 3], True, True),
    ]
    json.dump({"notes": NOTES % torch.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
