// `npm run catalogue`: writes each rule page's header line and the README's rule table from the definitions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleHeader } from '../../server/src/engine/rules';
import { pageWithHeader, readmeWithTable } from './catalogue';
import { repoRoot } from './env';

for (const rule of RULES) {
  const file = path.join(repoRoot, rule.docs);
  fs.writeFileSync(file, pageWithHeader(fs.readFileSync(file, 'utf8'), ruleHeader(rule)));
}
const readme = path.join(repoRoot, 'README.md');
fs.writeFileSync(readme, readmeWithTable(fs.readFileSync(readme, 'utf8')));
console.log(`catalogue: ${RULES.length} rule pages and the README's rule table written from the definitions`);
