# Trusted scoring step, run in a second sandbox that never runs train.py: it
# gets the TorchScript model (base64, first line of the rest of stdin) and the
# text to score (validation or holdout), and prints one line
# "RESULT <nonce> {json}". TorchScript carries no arbitrary Python, and the
# nonce comes from the evaluator, so the model cannot print a result of its own.
import base64
import io
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
header = HEADER  # noqa: F821 (given by launch.py)
nonce = header["nonce"]
vocab = header["vocab"]
V = len(vocab)
T = int(header["context"])


def result(**fields):
    print(f"RESULT {nonce} {json.dumps(fields)}", flush=True)
    sys.exit(0)


encoded, text = sys.stdin.read().split("\n", 1)
try:
    model = torch.jit.load(io.BytesIO(base64.b64decode(encoded)), map_location="cpu")
except Exception as error:  # noqa: BLE001 (any failure to load is the candidate's)
    result(error=f"the model is not a TorchScript archive: {str(error)[:200]}")
model.eval()
params = sum(p.numel() for p in model.parameters())
if params > int(header["max_params"]):
    result(error=f"the model has {params} parameters; the cap is {header['max_params']}", params=params)


def logits_of(x):
    y = model(x)
    if not isinstance(y, torch.Tensor) or tuple(y.shape) != (x.shape[0], x.shape[1], V):
        shape = tuple(y.shape) if isinstance(y, torch.Tensor) else type(y).__name__
        result(error=f"the model must map [B, T] ids to [B, T, {V}] logits, got {shape}")
    return y.float()


with torch.no_grad():
    # Causality: changing the characters after position k must not change any
    # output up to k, or the model is reading the characters it predicts.
    generator = torch.Generator().manual_seed(int(header["seed"]))
    for _ in range(4):
        x = torch.randint(0, V, (2, T), generator=generator)
        k = int(torch.randint(0, T - 1, (1,), generator=generator))
        changed = x.clone()
        changed[:, k + 1:] = torch.randint(0, V, (2, T - k - 1), generator=generator)
        before, after = logits_of(x)[:, : k + 1], logits_of(changed)[:, : k + 1]
        if not torch.allclose(before, after, rtol=1e-4, atol=1e-4):
            result(error=f"the model looks ahead: outputs up to position {k} depend on later characters")

    index = {c: i for i, c in enumerate(vocab)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    rows = (len(ids) - 1) // T
    x = ids[: rows * T].view(rows, T)
    y = ids[1 : rows * T + 1].view(rows, T)
    total = 0.0
    for start in range(0, rows, 32):
        # Our own log-softmax: unnormalised outputs cannot make the loss look small.
        logp = F.log_softmax(logits_of(x[start : start + 32]), dim=-1)
        total -= float(logp.gather(-1, y[start : start + 32].unsqueeze(-1)).sum())
    if not math.isfinite(total):
        result(error="the model's outputs are not finite on the text")
    result(bpc=total / (rows * T) / math.log(2), params=params, chars=rows * T)
