import fc from "fast-check";
import hljs from "highlight.js/lib/core";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../oversight/diff.ts";
import { visibleText } from "../util/visible-text.ts";
import { codeHtml, diffHtml } from "./diff-html.ts";
import { highlightLines, languageOf } from "./highlight.ts";

const RLO = "\u202e";

/** What a browser shows for a line of our HTML: tags removed, entities decoded. */
function shown(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("syntax highlighting", () => {
  it("colours a program whole: a comment over two lines stays a comment on both", () => {
    const lines = highlightLines('/* a\n   b */\nconst s = "x"; // c\nreturn 42;', "typescript");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('<span class="hljs-comment">/* a</span>');
    expect(lines[1]).toBe('<span class="hljs-comment">   b */</span>');
    expect(lines[2]).toContain('<span class="hljs-string">&quot;x&quot;</span>');
    expect(lines[3]).toContain('<span class="hljs-number">42</span>');
  });

  it("marks a bidi override that highlight.js alone would pass through raw", () => {
    const code = `const admin = "user${RLO} // nimda";`;
    // The attack without the defence: highlight.js escapes HTML, not hidden characters.
    expect(hljs.highlight(code, { language: "typescript" }).value).toContain(RLO);
    const [line] = highlightLines(code, "typescript");
    expect(line).not.toContain(RLO);
    expect(line).toContain('<mark class="hidden"');
    expect(shown(line as string)).toBe(visibleText(code));
  });

  it("shows every line exactly as the plain text reads, whatever the characters", () => {
    const char = fc.oneof(
      fc.constantFrom(
        "<",
        ">",
        "&",
        '"',
        "'",
        "`",
        "/",
        "*",
        "#",
        "\\",
        "\n",
        " ",
        RLO,
        "\u0000",
        "\u200b",
        "\u001b",
      ),
      fc.string({ maxLength: 3 }),
      fc.constantFrom("function", "def", "return", "</script>", "/*", "*/", '"""', "//", "int"),
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((parts) => parts.join("")),
        fc.constantFrom("typescript", "python", "c", "rust", null),
        (code, language) => {
          const lines = highlightLines(code, language);
          const plain = code.split("\n");
          expect(lines).toHaveLength(plain.length);
          lines.forEach((line, i) => {
            expect(shown(line)).toBe(visibleText(plain[i] as string));
            expect(line.replace(/<\/?(span|mark)[^>]*>/g, "")).not.toMatch(/[<>]/);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("highlights a diff's sides and keeps each diff line's text", () => {
    const before = 'def f(x):\n    """doc\n    more"""\n    return x + 1\n';
    const after = `def f(x):\n    """doc\n    more"""\n    return x * 2  # ${RLO}\n`;
    const diff = unifiedDiff(before, after, {
      oldName: "champion/program.py",
      newName: "proposal/program.py",
    });
    const html = diffHtml(diff, languageOf("program.py")).value;
    const rows = html
      .replace(/^<pre class="diff">|<\/pre>$/g, "")
      .split("\n")
      .slice(0, -1);
    const lines = diff.replace(/\n$/, "").split("\n");
    expect(rows.map(shown)).toEqual(lines.map(visibleText));
    expect(html).toContain('<span class="hljs-string">&quot;&quot;&quot;doc</span>');
    expect(html).toMatch(/<span class="add">\+ {4}<span class="hljs-keyword">return<\/span>/);
    expect(html).not.toContain(RLO);
  });

  it("numbers a program's lines and names languages by extension", () => {
    const html = codeHtml("int main() {\n  return 0;\n}\n", languageOf("program.c")).value;
    expect(html).toContain('<span class="ln">   3</span> }');
    expect(html).toContain('<span class="hljs-type">int</span>');
    expect(languageOf("a/b/program.TS")).toBe("typescript");
    expect(languageOf("notes.txt")).toBeNull();
    expect(highlightLines("x < y", "no-such-language")).toEqual(["x &lt; y"]);
  });
});
