import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, RULES } from '../../server/src/engine';
import { ruleHeader } from '../../server/src/engine/rules';
import { readmeWithTable } from '../support/catalogue';
import { repoRoot } from '../support/env';
import { listingOf } from '../support/ruleTester';

const SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'References'];

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + title.length + 5);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

const dockerfileBlocks = (text: string) => [...text.matchAll(/```dockerfile\n([\s\S]*?)```/g)].map((m) => m[1]);
/** A page may give the build context's ignore file as a ```dockerignore block; both examples use it. */
const dockerignoreBlock = (text: string) => /```dockerignore\n([\s\S]*?)```/.exec(text)?.[1];
/** A page may give files of the build context as ```file PATH blocks (a rule that reads what a file holds). */
const contextBlocks = (text: string) =>
  Object.fromEntries([...text.matchAll(/```file ([^\n]+)\n([\s\S]*?)```/g)].map((m) => [m[1].trim(), m[2]]));

test("the README's rule table is what the definitions say (npm run catalogue writes it)", () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  assert.ok(readme.includes('<!-- rules:start -->'), 'the README marks its rule table');
  assert.equal(readme, readmeWithTable(readme));
});

describe('rule documentation pages', () => {
  for (const rule of RULES) {
    test(`${rule.id}: ${rule.docs} has every section, and its examples are executed`, () => {
      const file = path.join(repoRoot, rule.docs);
      assert.ok(fs.existsSync(file), `missing ${rule.docs}`);
      const markdown = fs.readFileSync(file, 'utf8');
      assert.ok(markdown.startsWith(`# ${rule.id}\n`), 'the page is titled with the rule id');
      const positions = SECTIONS.map((s) => markdown.indexOf(`\n## ${s}\n`));
      assert.deepEqual(
        positions.map((p) => p >= 0),
        SECTIONS.map(() => true),
        `sections ${SECTIONS.join(', ')}`,
      );
      assert.deepEqual(
        [...positions].sort((a, b) => a - b),
        positions,
        'sections in the fixed order',
      );
      const bad = dockerfileBlocks(section(markdown, 'Example'));
      const good = dockerfileBlocks(section(markdown, 'Use instead'));
      assert.ok(bad.length > 0 && good.length > 0, 'an example and its correction');
      const files = contextBlocks(markdown);
      // A rule that is off by default is shown as a user who turned it on sees it.
      const options = {
        dockerignore: dockerignoreBlock(markdown),
        severities: { [rule.id]: 'info' as const },
        context: Object.keys(files).length > 0 ? listingOf(files) : undefined,
      };
      for (const example of bad)
        assert.ok(
          analyze(example, options).findings.some((f) => f.rule === rule.id),
          `the example fires:\n${example}`,
        );
      for (const example of good)
        assert.deepEqual(
          analyze(example, options).findings.filter((f) => f.rule === rule.id),
          [],
          `the correction is silent:\n${example}`,
        );
      assert.equal(markdown.split('\n')[2], ruleHeader(rule), 'the header is what the definition says (npm run catalogue writes it)');
      if (rule.fix.availability !== 'none')
        assert.match(section(markdown, 'Fix safety'), new RegExp(`\\*\\*${rule.fix.safety}\\*\\*`), 'the page states the fix safety');
    });
  }
});
