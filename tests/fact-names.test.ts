// The exercise catalogue's facts (activations, loss, layout) in the reader's language (issue 21):
// every activation, loss and layout the core knows has a name in each language's messages
// ("names.*", read by app/_components/summary.tsx and the template builder's loss menu), and the
// Japanese and Korean names of the losses and layouts are their own, not the English ones.
import { describe, expect, it } from "vitest";
import { LOCALES, translator } from "../lib/i18n";
import { ACTIVATIONS, LAYOUTS, LOSSES } from "../lib/nn/types";

describe("the catalogue's facts in words", () => {
  it("name every activation, loss and layout in every language", () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const [kind, names] of [["activation", ACTIVATIONS], ["loss", LOSSES], ["layout", LAYOUTS]] as const)
        for (const name of names) {
          const key = `names.${kind}.${name}`;
          // i18next answers a missing key with the key itself.
          expect(t(key), `${locale}: ${key}`).not.toBe(key);
          expect(t(key), `${locale}: ${key}`).not.toContain("_");
        }
    }
  });

  it("are Japanese and Korean for Japanese and Korean readers", () => {
    const en = translator("en");
    expect(translator("ja")("names.loss.cross_entropy")).toBe("交差エントロピー");
    expect(translator("ko")("names.loss.cross_entropy")).toBe("교차 엔트로피");
    for (const locale of ["ja", "ko"] as const) {
      const t = translator(locale);
      for (const name of LOSSES) expect(t(`names.loss.${name}`), `${locale} ${name}`).not.toBe(en(`names.loss.${name}`));
      for (const name of LAYOUTS) {
        expect(t(`names.layout.${name}`)).not.toBe(en(`names.layout.${name}`));
        expect(t(`names.layout.${name}`)).not.toMatch(/layout|sample/);
      }
    }
  });
});
