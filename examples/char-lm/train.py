"""Trains a character-level language model on the training text, within a time budget.

The contract (everything outside the EVOLVE-BLOCKs, fixed): the training text
arrives on standard input, the settings (seed, time budget, vocabulary) as JSON
in argv[1]. The script trains on one CPU thread and prints one JSON line with
the model as base64 TorchScript, the step count and the last training loss.
The model maps a batch of character ids [B, T] to logits [B, T, V] predicting
each next character, using only the characters up to each position.
"""
import base64
import io
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

started = time.monotonic()
config = json.loads(sys.argv[1])
BUDGET = float(config["budget_seconds"])
torch.manual_seed(int(config["seed"]))
vocab = config["vocab"]
V = len(vocab)
index = {c: i for i, c in enumerate(vocab)}
data = torch.tensor([index[c] for c in sys.stdin.read()], dtype=torch.long)

# EVOLVE-BLOCK-START
# The model: a one-layer GRU over character embeddings.
EMBED = 32
HIDDEN = 128


class CharModel(nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, EMBED)
        self.rnn = nn.GRU(EMBED, HIDDEN, num_layers=1, batch_first=True)
        self.head = nn.Linear(HIDDEN, vocab_size)

    def forward(self, x):
        h, _ = self.rnn(self.embed(x))
        return self.head(h)
# EVOLVE-BLOCK-END

# EVOLVE-BLOCK-START
# The optimizer and the learning-rate schedule over the budget (progress 0..1).
LEARNING_RATE = 3e-3
WEIGHT_DECAY = 0.0
WARMUP = 0.05


def make_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)


def learning_rate(progress):
    warm = min(1.0, progress / WARMUP)
    return LEARNING_RATE * warm * (1.0 - 0.8 * progress)
# EVOLVE-BLOCK-END

# EVOLVE-BLOCK-START
# Batches: random windows of the training text.
BATCH = 32
SEQ = 64


def get_batch():
    starts = torch.randint(0, len(data) - SEQ - 1, (BATCH,))
    x = torch.stack([data[s:s + SEQ] for s in starts])
    y = torch.stack([data[s + 1:s + SEQ + 1] for s in starts])
    return x, y
# EVOLVE-BLOCK-END

# EVOLVE-BLOCK-START
# The training loop, until the deadline.
CLIP = 1.0


def train(model, optimizer, deadline):
    steps = 0
    loss_value = math.nan
    while time.monotonic() < deadline:
        progress = (time.monotonic() - started) / BUDGET
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(progress)
        x, y = get_batch()
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        optimizer.step()
        steps += 1
        loss_value = loss.item()
    return steps, loss_value
# EVOLVE-BLOCK-END

model = CharModel(V)
optimizer = make_optimizer(model)
# Leave time to export the model within the budget.
steps, loss = train(model, optimizer, started + BUDGET * 0.95)
model.eval()
buffer = io.BytesIO()
torch.jit.save(torch.jit.script(model), buffer)
print(json.dumps({
    "model": base64.b64encode(buffer.getvalue()).decode("ascii"),
    "steps": steps,
    "train_loss": loss,
}))
