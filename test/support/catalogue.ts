/**
 * What the rule definitions say the rule pages' headers and the README's rule table (between
 * `<!-- rules:start -->` and `<!-- rules:end -->`) are: `npm run catalogue` writes them
 * (writeCatalogue.ts), and the unit tier's docs test fails when either is stale.
 */
import { RULES, rulesTable } from '../../server/src/engine/rules';

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
