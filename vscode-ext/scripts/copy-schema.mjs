// The extension ships the JSON Schema of .podlint.yaml that podlint itself
// generates (schema/podlint-config.schema.json): copied in at build time.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(extension, "schemas"), { recursive: true });
copyFileSync(
  join(extension, "..", "schema", "podlint-config.schema.json"),
  join(extension, "schemas", "podlint-config.schema.json"),
);
