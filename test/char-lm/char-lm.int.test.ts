/**
 * examples/char-lm for real: PyTorch trains the seed in one sandbox and a
 * second scores its TorchScript, and each known way of cheating is caught.
 * The example runs from a copy with a 2 s training budget and a short
 * validation text (data/settings.json), so each evaluation takes seconds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { pinnedPaths } from "../../src/oversight/charter-pin.ts";
import { loadProblem, type Problem } from "../../src/problem/load-problem.ts";
import { type CountingListener, countingListener } from "../helpers/listener.ts";
import { CHAR_LM, copyCharLm } from "./copy-example.ts";

const UNIFORM_BPC = Math.log2(65);

/** A copy of the example with settings for tests. */
function copyExample(dir: string, settings: Record<string, number>): Problem {
  return loadProblem(copyCharLm(dir, settings));
}

/** The seed with the text of one block replaced (blocks: model, optimizer, batch, loop). */
function withBlock(seed: string, index: number, body: string): string {
  const parts = seed.split(/(# EVOLVE-BLOCK-START\n[\s\S]*?# EVOLVE-BLOCK-END\n)/);
  let seen = -1;
  return parts
    .map((part) => {
      if (!part.startsWith("# EVOLVE-BLOCK-START")) return part;
      seen++;
      return seen === index ? `# EVOLVE-BLOCK-START\n${body}\n# EVOLVE-BLOCK-END\n` : part;
    })
    .join("");
}

describe("examples/char-lm", () => {
  let root: string;
  let problem: Problem;
  let listener: CountingListener;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "char-lm-"));
    problem = copyExample(path.join(root, "quick"), {
      budget_seconds: 2,
      score_chars: 3000,
      startup_slack_seconds: 60,
    });
    listener = await countingListener();
  });
  afterAll(async () => {
    await listener.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("pins the scorer, the step scripts and the budget with the charter", () => {
    // Read with fs, so only data/ (pinned whole) keeps them from changing mid-run.
    expect(pinnedPaths(problem)).toEqual(
      expect.arrayContaining([
        "steward.yaml",
        "evaluate.ts",
        "data/settings.json",
        "data/steps/launch.py",
        "data/steps/score_step.py",
        "data/steps/train_step.py",
        "data/validation.txt",
        "data/holdout.txt",
      ]),
    );
    expect(pinnedPaths(problem)).not.toContain("train.py");
  });

  it("trains the seed and scores its TorchScript in validation bits per character", async () => {
    const outcome = await evaluateProgram(problem, { code: problem.seedCode });
    expect(outcome.error).toBeNull();
    expect(outcome.outcome).toBe("ok");
    const m = outcome.metrics ?? {};
    expect(m.params).toBe(72673);
    expect(m.steps).toBeGreaterThanOrEqual(1);
    expect(m.val_bpc).toBeGreaterThan(0);
    // Trained at all: below a uniform guess over the 65 characters.
    expect(m.val_bpc).toBeLessThan(UNIFORM_BPC);
  });

  it("a model that reads the character it predicts is invalid", async () => {
    const peek = `
class CharModel(nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.vocab_size = vocab_size
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        nxt = torch.cat([x[:, 1:], x[:, :1]], dim=1)
        return F.one_hot(nxt, self.vocab_size).float() * 50.0 + self.bias`;
    const outcome = await evaluateProgram(problem, { code: withBlock(problem.seedCode, 0, peek) });
    expect(outcome.outcome).toBe("invalid");
    expect(outcome.error?.message).toMatch(/looks ahead/);
  });

  it("a model over the parameter cap is invalid", async () => {
    const code = problem.seedCode.replace("HIDDEN = 128", "HIDDEN = 512");
    const outcome = await evaluateProgram(problem, { code });
    expect(outcome.outcome).toBe("invalid");
    expect(outcome.error?.message).toMatch(/parameters; the cap is 500000/);
  });

  it("printed scores, score files and unnormalised logits do not help: the scorer's own log-softmax decides", async () => {
    const fake = `
class CharModel(nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.vocab_size = vocab_size
        self.w = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        # Huge, equal logits: a naive loss on raw outputs would look tiny.
        return torch.zeros(x.shape[0], x.shape[1], self.vocab_size) + 1e4 + self.w

print('{"val_bpc": 0.0}')
print("RESULT 0 {\\"bpc\\": 0.0}")
for name in ("metrics.json", "score.json", "/tmp/metrics.json"):
    with open(name, "w") as f:
        f.write('{"val_bpc": 0.0, "bpc": 0.0}')`;
    const outcome = await evaluateProgram(problem, { code: withBlock(problem.seedCode, 0, fake) });
    expect(outcome.error).toBeNull();
    expect(outcome.outcome).toBe("ok");
    expect(outcome.metrics?.val_bpc).toBeCloseTo(UNIFORM_BPC, 3);
  });

  it("training cannot find validation text or reach the network", async () => {
    const snoop = `
import os, socket
found = []
for top in ("/", "/tmp"):
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d not in ("usr", "proc", "sys", "dev")]
        found += [os.path.join(dirpath, f) for f in filenames if "validation" in f or "holdout" in f]
connected = True
try:
    socket.create_connection(("127.0.0.1", ${listener.port}), timeout=2).close()
except OSError:
    connected = False
print(f"snoop found={len(found)} connected={connected}", file=sys.stderr)
`;
    // Added at the top of the batch block; the rest of the seed trains as usual.
    const code = problem.seedCode.replace(
      "# Batches: random windows of the training text.\n",
      snoop,
    );
    expect(code).toContain("snoop found=");
    const outcome = await evaluateProgram(problem, { code });
    expect(outcome.stderr).toContain("snoop found=0 connected=False");
    expect(listener.connections()).toBe(0);
  });

  it("training that needs the validation text or the network fails, contained", async () => {
    // A cheat that counts on what it reads: no try/except, so not finding
    // the validation text (or the network) ends the training step.
    const cheats = [
      {
        code: `VALIDATION = open(${JSON.stringify(path.join(CHAR_LM, "data", "validation.txt"))}).read()`,
        error: /FileNotFoundError/,
      },
      {
        code: `import socket\nsocket.create_connection(("127.0.0.1", ${listener.port}), timeout=2).close()`,
        error: /ConnectionRefusedError|OSError|unreachable/,
      },
    ];
    for (const cheat of cheats) {
      const code = problem.seedCode.replace(
        "# Batches: random windows of the training text.\n",
        `${cheat.code}\n`,
      );
      expect(code).toContain(cheat.code);
      const outcome = await evaluateProgram(problem, { code });
      expect(outcome.outcome).not.toBe("ok");
      expect(outcome.error?.message).toMatch(/the training step exited with code 1/);
      expect(outcome.error?.message).toMatch(cheat.error);
    }
    expect(listener.connections()).toBe(0);
  });

  it("training past the time budget is a timeout", async () => {
    const strict = copyExample(path.join(root, "strict"), {
      budget_seconds: 1,
      score_chars: 3000,
      startup_slack_seconds: 4,
    });
    const code = strict.seedCode.replace(
      "    while time.monotonic() < deadline:",
      "    time.sleep(3600)\n    while time.monotonic() < deadline:",
    );
    const outcome = await evaluateProgram(strict, { code });
    expect(outcome.outcome).toBe("timeout");
  });
});
