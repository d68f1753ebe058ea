import { describe, expect, it } from "vitest";
import { StewardError } from "../errors.ts";
import { CharterError } from "./charter-errors.ts";
import { missingNeeds, requireNeeds } from "./check-needs.ts";
import { parseCharter } from "./parse-charter.ts";

const minimal = {
  name: "demo",
  program: "train.py",
  objective: { metric: "loss", direction: "minimize" },
};

describe("the charter's needs", () => {
  it("reads interpreters with modules and commands, each with its install command", () => {
    const charter = parseCharter(
      {
        ...minimal,
        needs: [
          {
            python: "/usr/bin/python3",
            modules: ["torch"],
            install: "apt-get install -y python3-torch",
          },
          { command: "gcc" },
        ],
      },
      "steward.yaml",
    );
    expect(charter.needs).toEqual([
      {
        kind: "python",
        python: "/usr/bin/python3",
        modules: ["torch"],
        install: "apt-get install -y python3-torch",
      },
      { kind: "command", command: "gcc", install: null },
    ]);
    expect(parseCharter(minimal, "steward.yaml").needs).toBeUndefined();
  });

  it("rejects a need that is both or neither kind, and modules without an interpreter", () => {
    for (const need of [
      { python: "python3", command: "gcc" },
      { install: "x" },
      { command: "gcc", modules: ["os"] },
    ]) {
      let error: unknown;
      try {
        parseCharter({ ...minimal, needs: [need] }, "steward.yaml");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CharterError);
      expect((error as CharterError).message).toMatch(/needs/);
    }
  });
});

describe("checking needs on this machine", () => {
  it("finds what is here and names what is not, with its install command", () => {
    expect(
      missingNeeds([
        { kind: "command", command: "sh", install: null },
        { kind: "command", command: "/bin/sh", install: null },
        { kind: "python", python: "/usr/bin/python3", modules: ["json", "os.path"], install: null },
      ]),
    ).toEqual([]);
    expect(
      missingNeeds([
        { kind: "command", command: "/nonexistent/cc", install: "apt-get install -y gcc" },
        {
          kind: "python",
          python: "/usr/bin/python3",
          modules: ["json", "no_such_module_for_steward"],
          install: "pip install it",
        },
        { kind: "python", python: "/nonexistent/python9", modules: ["torch"], install: null },
      ]),
    ).toEqual([
      "the command /nonexistent/cc (install: apt-get install -y gcc)",
      "the Python module no_such_module_for_steward for /usr/bin/python3 (install: pip install it)",
      "the Python interpreter /nonexistent/python9",
    ]);
  });

  it("refuses with one needs-missing error naming each piece and the fix", () => {
    const need = {
      kind: "python" as const,
      python: "/usr/bin/python3",
      modules: ["no_such_module_for_steward"],
      install: "apt-get install -y python3-steward",
    };
    expect(() => requireNeeds([need], "char-lm")).toThrow(StewardError);
    try {
      requireNeeds([need], "char-lm");
    } catch (error) {
      expect((error as StewardError).code).toBe("needs-missing");
      expect((error as StewardError).message).toMatch(
        /^char-lm needs the Python module no_such_module_for_steward for \/usr\/bin\/python3 \(install: apt-get install -y python3-steward\), which is missing/,
      );
    }
    expect(() => requireNeeds(undefined, "demo")).not.toThrow();
  });
});
