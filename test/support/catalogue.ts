/**
 * `npm run catalogue`: writes what the rule definitions say into the rule pages' headers and the
 * README's rule table (between `<!-- rules:start -->` and `<!-- rules:end -->`). The unit tier's
 * docs test fails when either is stale, and names this command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleHeader, rulesTable } from '../../server/src/engine/rules';
import { repoRoot } from './env';

const README_TABLE = /(<!-- rules:start -->\n)[\s\S]*?(\n<!-- rules:end -->)/;

/** The rule page with its header line (the third, under the title) as the definition says. */
export function pageWithHeader(page: string, header: string): string {
  const lines = page.split('\n');
  lines[2] = header;
  return lines.join('\n');
}

/** The README with the rule table as the definitions say. */
export function readmeWithTable(readme: string): string {
  return readme.replace(README_TABLE, `$1${rulesTable(RULES)}$2`);
}

if (require.main === module) {
  for (const rule of RULES) {
    const file = path.join(repoRoot, rule.docs);
    fs.writeFileSync(file, pageWithHeader(fs.readFileSync(file, 'utf8'), ruleHeader(rule)));
  }
  const readme = path.join(repoRoot, 'README.md');
  fs.writeFileSync(readme, readmeWithTable(fs.readFileSync(readme, 'utf8')));
  console.log(`catalogue: ${RULES.length} rule pages and the README's rule table written from the definitions`);
}
