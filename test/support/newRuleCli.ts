// `npm run new-rule -- RuleName`: writes the scaffold of newRule.ts into the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './env';
import { scaffoldRule } from './newRule';

const id = process.argv[2] ?? '';
const registryFile = path.join(repoRoot, 'server/src/engine/rules/index.ts');
try {
  const scaffold = scaffoldRule(id, fs.readFileSync(registryFile, 'utf8'));
  for (const [file, text] of Object.entries(scaffold.files)) fs.writeFileSync(path.join(repoRoot, file), text, { flag: 'wx' });
  fs.writeFileSync(registryFile, scaffold.registry);
  console.log(
    `new-rule: wrote ${Object.keys(scaffold.files).join(', ')} and registered ${id}; now write its check, its test table and its page (CONTRIBUTING.md, "Add a rule"), then npm run catalogue`,
  );
} catch (error) {
  console.error(`new-rule: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
