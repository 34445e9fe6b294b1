import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pngSize } from '../support/png';
import { repoRoot } from '../support/env';

const MANIFEST = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  icon: string;
  scripts: { package: string };
  contributes: {
    walkthroughs: { steps: { media: { markdown: string } }[] }[];
    snippets: { path: string }[];
    jsonValidation: { url: string }[];
  };
};
const README = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** What the extension needs at run time and on its Marketplace page; anything else in the .vsix is a leak. */
const SHIPPED = [
  /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
  /^dist\/(extension\.js|server\.js|server-bundle\.js|icon\.png|layerlens-json\.schema\.json)$/,
  /^docs\/(rules|refactors|walkthrough)\/[\w-]+\.md$/,
  /^docs\/screenshots\/[\w-]+\.png$/,
  /^bench\/chart\.png$/,
  /^snippets\/[\w-]+\.json$/,
  /^samples\/[\w-]+\/[\w.-]+$/,
];

/** The vsce that `npm run package` runs, in the repository. */
function vsce(args: string[]) {
  return spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), args, { cwd: repoRoot, encoding: 'utf8' });
}

test('the .vsix: vsce packages it without a warning, ships only what the extension needs, and stays under 1.5 MB as the README says', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-vsix-'));
  try {
    // The flags of `npm run package`, with the .vsix written here instead.
    const flags = MANIFEST.scripts.package
      .replace(/^.*\bvsce /, '')
      .replace(/--out \S+/, '')
      .trim()
      .split(/\s+/);
    const vsix = path.join(dir, 'layerlens.vsix');
    const packed = vsce([...flags, '--out', vsix]);
    assert.equal(packed.status, 0, `${packed.stdout}${packed.stderr}`);
    assert.doesNotMatch(`${packed.stdout}${packed.stderr}`, /WARNING/i, 'vsce warns of nothing');

    const listed = vsce(['ls', '--no-dependencies']);
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout.trim().split('\n');
    assert.deepEqual(
      files.filter((f) => !SHIPPED.some((pattern) => pattern.test(f))),
      [],
      'only the bundles, the pages they link to, the icon, the README pictures, the snippets and the sample',
    );
    // And everything the manifest and the README point at is in it.
    const pointedAt = [
      MANIFEST.icon,
      ...MANIFEST.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
      ...MANIFEST.contributes.snippets.map((s) => s.path.replace(/^\.\//, '')),
      ...MANIFEST.contributes.jsonValidation.map((s) => s.url.replace(/^\.\//, '')),
      ...[...README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? ''),
    ];
    assert.deepEqual(
      pointedAt.filter((f) => !files.includes(f)),
      [],
      'the icon, the walkthrough pages, the snippets, the .layerlens.json schema and the README pictures ship',
    );

    const size = fs.statSync(vsix).size;
    assert.ok(size < 1.5 * 1024 * 1024, `${size} bytes, under 1.5 MB`);
    const stated = /The \.vsix is (\d+) KB/.exec(README);
    assert.ok(stated, 'README.md states the size ("The .vsix is N KB")');
    const statedKb = Number(stated[1]);
    assert.ok(
      Math.abs(statedKb - size / 1024) <= 0.1 * statedKb,
      `README.md says ${statedKb} KB; the .vsix is ${Math.round(size / 1024)} KB (within 10%)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the icon: drawn as SVG in docs/images, rendered by the build to the 128x128 PNG the manifest names', () => {
  assert.equal(MANIFEST.icon, 'dist/icon.png');
  assert.ok(fs.existsSync(path.join(repoRoot, 'docs', 'images', 'icon.svg')));
  assert.deepEqual(pngSize(fs.readFileSync(path.join(repoRoot, MANIFEST.icon))), { width: 128, height: 128 });
});

test("the README's screenshots: the four pictures the VS Code tier takes, each a 1280x800 PNG of the workbench", () => {
  const top = README.slice(0, README.indexOf('\n## '));
  const pictures = [...top.matchAll(/!\[[^\]]*\]\((docs\/screenshots\/[\w-]+\.png)\)/g)].map((m) => m[1] ?? '');
  assert.deepEqual(
    pictures,
    ['diagnostics', 'hover', 'forecast', 'stage-graph'].map((n) => `docs/screenshots/${n}.png`),
  );
  for (const picture of pictures) assert.deepEqual(pngSize(fs.readFileSync(path.join(repoRoot, picture))), { width: 1280, height: 800 });
});
