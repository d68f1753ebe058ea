/**
 * The approval policy against a model: an oracle written from the rules alone
 * (it knows how each verdict was made, and never verifies a signature) says
 * whether a deploy is allowed after every step of random histories of
 * approvals, forgeries, replays, duplicates, rejections and re-evaluations.
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Approver } from "../problem/charter-oversight.ts";
import { checkVerdictBeforeRecording, decideDeploy } from "./approval-policy.ts";
import type { SignedVerdict } from "./verdict.ts";

// Keys are made once: PEOPLE people with two keys each, and OUTSIDERS keys nobody lists.
const PEOPLE = ["ann", "ben", "cat", "dan", "eve"];
const OUTSIDERS = 2;
interface TestKey {
  owner: string | null;
  publicKey: string;
  privateKey: KeyObject;
}
function makeKey(owner: string | null): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url");
  return { owner, publicKey: `ed25519:${raw.toString("base64")}`, privateKey };
}
const KEYS: TestKey[] = [
  ...PEOPLE.flatMap((name) => [makeKey(name), makeKey(name)]),
  ...Array.from({ length: OUTSIDERS }, () => makeKey(null)),
];
const HASHES = ["11", "22", "33", "44"].map((byte) => byte.repeat(32));

/** Written out by hand rather than imported, so that a change of format shows. */
const message = (verdict: string, hash: string) =>
  `{"contentHash":"${hash}","type":"steward-verdict","verdict":"${verdict}","version":1}`;
const signWith = (key: TestKey, text: string) =>
  sign(null, Buffer.from(text), key.privateKey).toString("base64");

type Forgery = "none" | "other-key" | "other-hash" | "other-verdict" | "garbage";
type VerdictStep = {
  kind: "verdict";
  verdict: "approve" | "reject";
  /** The name the verdict claims. */
  name: string;
  /** Index into KEYS of the public key it carries. */
  key: number;
  /** The content hash it claims: the current one, or one of HASHES. */
  hash: "current" | number;
  forgery: Forgery;
};
type Step = VerdictStep | { kind: "re-evaluate"; hash: number };

/** Mostly people using their own keys on the current hash; sometimes not. */
const verdictArb: fc.Arbitrary<VerdictStep> = fc
  .record({
    verdict: fc.oneof(
      { weight: 20, arbitrary: fc.constant("approve" as const) },
      { weight: 1, arbitrary: fc.constant("reject" as const) },
    ),
    person: fc.nat(PEOPLE.length - 1),
    impostor: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, fc.constant(true)),
    ownKey: fc.nat(1),
    anyKey: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, fc.nat(KEYS.length - 1)),
    hash: fc.oneof(
      { weight: 4, arbitrary: fc.constant("current" as const) },
      fc.nat(HASHES.length - 1),
    ),
    forgery: fc.oneof(
      { weight: 8, arbitrary: fc.constant("none" as const) },
      fc.constantFrom<Forgery>("other-key", "other-hash", "other-verdict", "garbage"),
    ),
  })
  .map(({ person, impostor, ownKey, anyKey, ...rest }) => ({
    kind: "verdict" as const,
    ...rest,
    name: impostor ? "mallory" : (PEOPLE[person] as string),
    key: anyKey ?? 2 * person + ownKey,
  }));

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: verdictArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("re-evaluate" as const),
      hash: fc.nat(HASHES.length - 1),
    }),
  },
);

const scenarioArb = fc.record({
  // For each person: which of their two keys the charter lists (0: not listed).
  listing: fc.array(fc.constantFrom(0, 1, 2, 3, 3, 3), {
    minLength: PEOPLE.length,
    maxLength: PEOPLE.length,
  }),
  required: fc.integer({ min: 1, max: 3 }),
  extraRequired: fc.constantFrom(0, 0, 1),
  startHash: fc.nat(HASHES.length - 1),
  steps: fc.array(stepArb, { maxLength: 12 }),
});

function charterOf(listing: number[]): Approver[] {
  return PEOPLE.flatMap((name, i) => {
    const mask = listing[i] ?? 0;
    return [0, 1]
      .filter((k) => mask & (1 << k))
      .map((k) => ({ name, key: KEYS[2 * i + k]?.publicKey ?? "" }));
  });
}

const claimedHash = (step: VerdictStep, current: string) =>
  step.hash === "current" ? current : (HASHES[step.hash] as string);

function makeVerdict(step: VerdictStep, current: string): SignedVerdict {
  const key = KEYS[step.key] as TestKey;
  const claimed = claimedHash(step, current);
  const signedHash = step.forgery === "other-hash" ? otherThan(claimed) : claimed;
  const signedVerdict = step.forgery === "other-verdict" ? flip(step.verdict) : step.verdict;
  const signer =
    step.forgery === "other-key" ? (KEYS[(step.key + 1) % KEYS.length] as TestKey) : key;
  const signature =
    step.forgery === "garbage"
      ? Buffer.from(`junk ${current}`).toString("base64")
      : signWith(signer, message(signedVerdict, signedHash));
  return {
    verdict: step.verdict,
    approver: step.name,
    publicKey: key.publicKey,
    contentHash: claimed,
    signature,
  };
}
const otherThan = (hash: string) => HASHES.find((h) => h !== hash) as string;
const flip = (v: "approve" | "reject") => (v === "approve" ? "reject" : "approve");

/** The rules, from the model's side: what was really signed, by whom, for which hash. */
function oracle(
  history: Array<{ step: VerdictStep; claimed: string }>,
  charter: Approver[],
  current: string,
  needed: number,
): { allowed: boolean; counted: Set<string> } {
  const counted = new Set<string>();
  for (const { step, claimed } of history) {
    const key = KEYS[step.key] as TestKey;
    const honest = step.forgery === "none" && key.owner === step.name;
    const listed = charter.some((a) => a.name === step.name && a.key === key.publicKey);
    const fresh = claimed === current;
    if (step.verdict === "approve" && honest && listed && fresh) counted.add(step.name);
  }
  const vetoed = history.some(({ step }) => step.verdict === "reject");
  return { allowed: !vetoed && counted.size >= needed, counted };
}

describe("decideDeploy (model-based)", () => {
  it("allows a deploy iff enough distinct listed people signed the current hash and nobody rejected", () => {
    fc.assert(
      fc.property(scenarioArb, ({ listing, required, extraRequired, startHash, steps }) => {
        const charter = charterOf(listing);
        const needed = required + extraRequired;
        let current = HASHES[startHash] as string;
        const history: Array<{ step: VerdictStep; claimed: string }> = [];
        const verdicts: SignedVerdict[] = [];
        const check = () => {
          const decision = decideDeploy({
            contentHash: current,
            required,
            extraRequired,
            approvers: charter,
            verdicts,
          });
          const expected = oracle(history, charter, current, needed);
          expect(decision.allowed).toBe(expected.allowed);
          expect(new Set(decision.approvedBy.map((a) => a.name))).toEqual(expected.counted);
          expect(decision.approvedBy.length).toBe(expected.counted.size);
          const approvals = verdicts.filter((v) => v.verdict === "approve").length;
          expect(decision.ignored.length + decision.approvedBy.length).toBe(approvals);
        };
        check();
        for (const step of steps) {
          if (step.kind === "re-evaluate") current = HASHES[step.hash] as string;
          else {
            verdicts.push(makeVerdict(step, current));
            history.push({ step, claimed: claimedHash(step, current) });
          }
          check();
        }
      }),
      { numRuns: 250 },
    );
  });

  it("does not depend on the order of the verdicts", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (scenario, shift) => {
        const charter = charterOf(scenario.listing);
        const current = HASHES[scenario.startHash] as string;
        const verdicts = scenario.steps.flatMap((s) =>
          s.kind === "verdict" ? [makeVerdict(s, current)] : [],
        );
        const input = {
          contentHash: current,
          required: scenario.required,
          extraRequired: scenario.extraRequired,
          approvers: charter,
        };
        const forward = decideDeploy({ ...input, verdicts });
        const at = verdicts.length === 0 ? 0 : shift % verdicts.length;
        const orders = [[...verdicts].reverse(), [...verdicts.slice(at), ...verdicts.slice(0, at)]];
        for (const order of orders) {
          const other = decideDeploy({ ...input, verdicts: order });
          expect(other.allowed).toBe(forward.allowed);
          expect(new Set(other.approvedBy.map((a) => a.name))).toEqual(
            new Set(forward.approvedBy.map((a) => a.name)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("records a verdict only when it verifies, is listed, and signs the current hash", () => {
    fc.assert(
      fc.property(scenarioArb, verdictArb, (scenario, step) => {
        const charter = charterOf(scenario.listing);
        const current = HASHES[scenario.startHash] as string;
        const key = KEYS[step.key] as TestKey;
        const ok =
          step.forgery === "none" &&
          key.owner === step.name &&
          charter.some((a) => a.name === step.name && a.key === key.publicKey) &&
          claimedHash(step, current) === current;
        const record = () =>
          checkVerdictBeforeRecording({
            verdict: makeVerdict(step, current),
            contentHash: current,
            approvers: charter,
          });
        if (ok) expect(record).not.toThrow();
        else expect(record).toThrow(/was not recorded/);
      }),
      { numRuns: 200 },
    );
  });
});

describe("decideDeploy (cases)", () => {
  const [ann0, ann1, ben0] = KEYS as [TestKey, TestKey, TestKey];
  const hash = HASHES[0] as string;
  const approve = (name: string, key: TestKey, h = hash): SignedVerdict => ({
    verdict: "approve",
    approver: name,
    publicKey: key.publicKey,
    contentHash: h,
    signature: signWith(key, message("approve", h)),
  });
  const base = {
    contentHash: hash,
    required: 1,
    extraRequired: 0,
    approvers: [
      { name: "ann", key: ann0.publicKey },
      { name: "ann", key: ann1.publicKey },
    ],
    verdicts: [] as SignedVerdict[],
  };

  it("allows one listed approval and says who approved", () => {
    const decision = decideDeploy({ ...base, verdicts: [approve("ann", ann0)] });
    expect(decision).toEqual({
      allowed: true,
      reason: "approved by ann (1 needed)",
      approvedBy: [{ name: "ann", publicKey: ann0.publicKey }],
      ignored: [],
    });
  });

  it("counts a person once, whichever of their listed keys they use", () => {
    const decision = decideDeploy({
      ...base,
      required: 2,
      verdicts: [approve("ann", ann0), approve("ann", ann1)],
    });
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/needs 2 distinct approvers.*lists only 1/);
    expect(decision.ignored).toEqual([
      { index: 1, reason: expect.stringMatching(/already approved/) },
    ]);
  });

  it("explains why an approval does not count", () => {
    const forged = { ...approve("ann", ann0), signature: approve("ann", ben0).signature };
    const decision = decideDeploy({
      ...base,
      verdicts: [
        approve("ann", ann0, HASHES[1]),
        approve("ann", ben0),
        forged,
        approve("ben", ben0),
      ],
    });
    expect(decision.allowed).toBe(false);
    expect(decision.ignored.map((i) => i.reason)).toEqual([
      expect.stringMatching(/earlier version/),
      expect.stringMatching(/not listed under the name "ann"/),
      expect.stringMatching(/does not verify/),
      expect.stringMatching(/not listed under the name "ben"/),
    ]);
    expect(decision.reason).toBe("needs 1 distinct approvals, has 0");
  });

  it("needs one more approver for an implausible gain", () => {
    const approvers = [...base.approvers, { name: "ben", key: ben0.publicKey }];
    const one = decideDeploy({
      ...base,
      approvers,
      extraRequired: 1,
      verdicts: [approve("ann", ann0)],
    });
    expect(one.reason).toBe(
      "needs 2 distinct approvals (1 + 1 for an implausible gain), has 1 (ann)",
    );
    const two = decideDeploy({
      ...(one && base),
      approvers,
      extraRequired: 1,
      verdicts: [approve("ann", ann0), approve("ben", ben0)],
    });
    expect(two.allowed).toBe(true);
  });

  it("lets any rejection veto, whatever its signature", () => {
    const reject: SignedVerdict = {
      verdict: "reject",
      approver: "nobody",
      publicKey: "x",
      contentHash: "old",
      signature: "",
    };
    const decision = decideDeploy({ ...base, verdicts: [approve("ann", ann0), reject] });
    expect(decision).toMatchObject({
      allowed: false,
      reason: "rejected by nobody: a rejection vetoes the proposal",
    });
  });

  it("denies when the charter lists too few people, or a key under two names", () => {
    expect(decideDeploy({ ...base, approvers: [], verdicts: [] }).reason).toMatch(
      /lists only 0.*approvals\.approvers/,
    );
    const shared = [
      { name: "ann", key: ann0.publicKey },
      { name: "bob", key: ann0.publicKey },
    ];
    expect(
      decideDeploy({ ...base, approvers: shared, verdicts: [approve("ann", ann0)] }),
    ).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(
        /under several names \(ann, bob\): each person needs their own key/,
      ),
    });
  });

  it("never counts a name that stands for a machine, even if the charter lists it", () => {
    const decision = decideDeploy({
      ...base,
      approvers: [{ name: "engine", key: ann0.publicKey }],
      verdicts: [approve("engine", ann0)],
    });
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/lists only 0/);
    expect(decision.ignored[0]?.reason).toMatch(/machines can never approve/);
  });

  it("fails closed on bad input and on any exception", () => {
    for (const bad of [
      { required: 0 },
      { required: 1.5 },
      { extraRequired: -1 },
      { contentHash: "zz" },
    ]) {
      expect(decideDeploy({ ...base, ...bad, verdicts: [approve("ann", ann0)] }).allowed).toBe(
        false,
      );
    }
    const exploding = [approve("ann", ann0)];
    Object.defineProperty(exploding[0], "publicKey", {
      get: () => {
        throw new Error("boom");
      },
    });
    const decision = decideDeploy({ ...base, verdicts: exploding });
    expect(decision).toMatchObject({ allowed: false, approvedBy: [] });
    expect(decision.reason).toMatch(/policy failed \(Error: boom\).*denied to be safe/);
    expect(decideDeploy(null as never).allowed).toBe(false);
  });

  it("tells the person why their verdict was not recorded", () => {
    const record =
      (verdict: SignedVerdict, approvers: Approver[] = base.approvers) =>
      () =>
        checkVerdictBeforeRecording({ verdict, contentHash: hash, approvers });
    expect(record(approve("ann", ann0))).not.toThrow();
    expect(record(approve("ann", ann0, HASHES[1]))).toThrow(/review the proposal again/);
    expect(record({ ...approve("ann", ann0), signature: "AAAA" })).toThrow(
      /does not verify.*keys show ann/,
    );
    expect(record(approve("ben", ben0))).toThrow(/not listed under the name "ben".*steward\.yaml/);
    expect(record(approve("ann", ann0), [])).toThrow(/charter lists no approvers/);
  });
});
