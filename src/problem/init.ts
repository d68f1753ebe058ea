/**
 * `steward init`: writes a new problem folder from a template and names the
 * problem after the folder. It never overwrites anything: the target must not
 * exist or be an empty folder.
 */
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../errors.ts";
import { CHARTER_FILES } from "./read-charter.ts";
import { copyTemplate, knownTemplates, templateSource } from "./templates.ts";

export interface InitResult {
  /** The new problem folder, absolute. */
  dir: string;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
}

export function initProblem(targetDir: string, template: string): InitResult {
  const source = templateSource(template);
  if (source === null) {
    const known = knownTemplates().join(", ") || "none installed";
    throw new StewardError("usage", `unknown template "${template}": known templates are ${known}`);
  }
  if (targetDir.includes("\0")) {
    throw new StewardError("usage", `${JSON.stringify(targetDir)} is not a usable folder name`);
  }
  const dir = path.resolve(targetDir);
  const existed = fs.existsSync(dir);
  if (existed) {
    if (!fs.statSync(dir).isDirectory()) {
      throw new StewardError("usage", `${dir} exists and is not a folder: choose another name`);
    }
    if (fs.readdirSync(dir).length > 0) {
      throw new StewardError(
        "usage",
        `${dir} is not empty: choose a new folder (steward init never overwrites files)`,
      );
    }
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StewardError("io", `could not create ${dir}: ${code}: choose another folder`, {
      cause: error,
    });
  }
  try {
    const files = copyTemplate(source, dir);
    nameCharter(dir, problemName(path.basename(dir)));
    // The evaluator's TypeScript files are ES modules; say so for folders outside a package.
    if (!files.includes("package.json")) {
      fs.writeFileSync(path.join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
      files.push("package.json");
      files.sort();
    }
    return { dir, files };
  } catch (error) {
    if (existed) {
      for (const entry of fs.readdirSync(dir))
        fs.rmSync(path.join(dir, entry), { recursive: true });
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    throw new StewardError("io", `could not write ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** A charter `name` from a folder name: lowercase letters, digits and dashes. */
export function problemName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return name === "" ? "problem" : name;
}

/** Sets the copied charter's top-level `name`, keeping the rest of the file as written. */
function nameCharter(dir: string, name: string): void {
  for (const file of CHARTER_FILES) {
    const charterPath = path.join(dir, file);
    if (!fs.existsSync(charterPath)) continue;
    const text = fs.readFileSync(charterPath, "utf8");
    if (file.endsWith(".json")) {
      const data = JSON.parse(text) as Record<string, unknown>;
      fs.writeFileSync(charterPath, `${JSON.stringify({ ...data, name }, null, 2)}\n`);
    } else if (/^name:.*$/m.test(text)) {
      fs.writeFileSync(charterPath, text.replace(/^name:.*$/m, `name: ${name}`));
    } else {
      fs.writeFileSync(charterPath, `name: ${name}\n${text}`);
    }
  }
}
