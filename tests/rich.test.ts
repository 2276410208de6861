// Translated sentences with formulas in them: every marked place gets its node, in the translator's order.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { rich } from "../app/_lib/rich";
import { translator } from "../lib/i18n";

const html = (message: string, ...names: string[]) => renderToStaticMarkup(createElement("p", null, rich(message, names.map((n) => createElement("b", { key: n }, n)))));

describe("rich messages", () => {
  it("puts each node where its marker is, in any order, and leaves the text escaped", () => {
    expect(html("the inputs <0/> and the targets <1/>.", "X", "T")).toBe("<p>the inputs <b>X</b> and the targets <b>T</b>.</p>");
    expect(html("<1/> then <0/>", "a", "b")).toBe("<p><b>b</b> then <b>a</b></p>");
    expect(html("a <script> & <2/>", "x")).toBe("<p>a &lt;script&gt; &amp; </p>");
  });

  it("keeps every marker of the English message in the Japanese and Korean ones", () => {
    const markers = (s: string) => (s.match(/<\d+\/>/g) ?? []).sort().join();
    for (const key of ["given.batch", "given.paramsRow", "given.paramsColumn", "given.symbols", "given.log", "given.taskBody", "solution.forwardIntro", "solution.backwardIntro"]) {
      const en = markers(translator("en")(key));
      expect(en, key).not.toBe("");
      expect(markers(translator("ja")(key)), key).toBe(en);
      expect(markers(translator("ko")(key)), key).toBe(en);
    }
  });
});

describe("counted phrases", () => {
  it("take the singular or plural in English and one form in Japanese and Korean", () => {
    const [en, ja, ko] = (["en", "ja", "ko"] as const).map((l) => translator(l));
    expect(en("summary.samples", { count: 1 })).toBe("1 sample");
    expect(en("summary.samples", { count: 3 })).toBe("3 samples");
    expect(en("summary.biasLayers", { count: 2, list: "1, 3" })).toBe("layers 1, 3");
    expect(ja("summary.gradientSteps", { count: 2 })).toBe("勾配降下 2 ステップ");
    expect(ko("summary.samples", { count: 1 })).toBe("샘플 1개");
  });
});
