// Writes docs/misconceptions.md from the catalogue.
import { writeFileSync } from "node:fs";
import { catalogueMarkdown } from "../lib/grading/catalogue-doc";

writeFileSync(new URL("../docs/misconceptions.md", import.meta.url), catalogueMarkdown());
console.log("wrote docs/misconceptions.md");
