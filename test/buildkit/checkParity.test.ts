import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyze, parseDockerfile, RULES } from '../../server/src/engine';
import { corpusFiles, requireHost } from '../support/env';
import { BASE_IMAGE, daemonAnswers, docker, requireDocker } from '../support/docker';

/**
 * Parity with the checks of a real BuildKit, live: a sample of the corpus goes through
 * `docker buildx build --call=check,format=json` on Docker 28 / buildx 0.29, and every warning
 * BuildKit prints there is compared with what Layerlens reports for its BuildKit-named rules.
 *
 * Nothing can be pulled here, so each image a file names (FROM, COPY --from, RUN --mount from=)
 * is the local busybox tagged with that name, digests are dropped, and files that pin a frontend
 * with `# syntax=` are left out (the pinned frontend cannot be fetched). Two rules read the base
 * image's configuration, which a stand-in does not have: UndefinedVar (the image's ENV) and
 * WorkdirRelativePath (its WORKDIR); they are compared in the oracle tests instead.
 */
const IMAGE_DEPENDENT = new Set(['UndefinedVar', 'WorkdirRelativePath']);

/**
 * Where Layerlens differs on purpose, each written up on the rule's page: SecretsUsedInArgOrEnv
 * leaves literal values written in the file alone (BuildKit goes by the name), so its findings
 * must be a subset of BuildKit's, not equal to them.
 */
const SUBSET_ONLY = new Set(['SecretsUsedInArgOrEnv']);

/**
 * A line ending in an escaped backslash (`C:\\dir\\`): BuildKit does not read it as a continuation,
 * dockerfile-ast does, so the instructions after it differ. A known parser difference, left out.
 */
const ESCAPED_BACKSLASH_AT_LINE_END = /\\\\\r?\n/;

const tagged: string[] = [];

after(() => {
  if (tagged.length > 0 && daemonAnswers()) docker(['rmi', ...tagged]);
});

/** Tags the local busybox as `reference` unless an image of that name is there already; false when it cannot be a tag. */
function standIn(reference: string): boolean {
  if (docker(['image', 'inspect', reference]).status === 0) return true;
  if (docker(['tag', BASE_IMAGE, reference]).status !== 0) return false;
  tagged.push(reference);
  return true;
}

interface CheckWarning { ruleName: string; location?: { ranges?: { start: { line: number } }[] } }

test('BuildKit parity, live: Layerlens reports what `buildx build --call=check` prints on a sample of the corpus', (t) => {
  if (!requireDocker(t)) return;
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const compared = new Set(RULES.filter((r) => r.buildkit && !IMAGE_DEPENDENT.has(r.id)).map((r) => r.id));
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-parity-'));
  const sample = files.filter((_, i) => i % 3 === 2);
  const differences: string[] = [];
  const agreed: Record<string, number> = {};
  let checked = 0;
  for (const file of sample) {
    const original = fs.readFileSync(file, 'utf8');
    if (/^\s*#\s*syntax\s*=/im.test(original.split('\n').slice(0, 5).join('\n')) || ESCAPED_BACKSLASH_AT_LINE_END.test(original)) continue;
    const text = original.replace(/@sha256:[0-9a-f]{64}/g, '');
    const model = parseDockerfile(text);
    const images = [...model.stages.filter((s) => s.baseStage === undefined).map((s) => s.resolvedBase.trim()),
      ...model.dependencies.filter((d) => d.kind !== 'from' && d.target === undefined).map((d) => d.reference.trim())];
    if (model.stages.length === 0 || images.some((i) => i === '' || /[$\s]/.test(i))) continue;
    if (!images.every((i) => i === 'scratch' || standIn(i))) continue;
    const dockerfile = path.join(context, 'Dockerfile');
    fs.writeFileSync(dockerfile, text);
    const run = docker(['buildx', 'build', '--call=check,format=json', '-f', dockerfile, context], { timeout: 120_000 });
    let warnings: CheckWarning[];
    try {
      warnings = (JSON.parse(String(run.stdout)) as { warnings?: CheckWarning[] }).warnings ?? [];
    } catch {
      // BuildKit refused the file before checking it (an error Layerlens reports as InvalidSyntax, or a
      // stand-in it could not use): there is nothing to compare.
      continue;
    }
    checked++;
    const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
    const printed = count(warnings.filter((w) => compared.has(w.ruleName)).map((w) => `${w.ruleName}:${w.location?.ranges?.[0]?.start.line ?? 0}`));
    const reported = count(analyze(text).findings.filter((f) => compared.has(f.rule)).map((f) => `${f.rule}:${f.range.start.line + 1}`));
    for (const key of new Set([...printed.keys(), ...reported.keys()])) {
      const [rule] = key.split(':');
      const byBuildkit = printed.get(key) ?? 0;
      const byLayerlens = reported.get(key) ?? 0;
      agreed[rule] = (agreed[rule] ?? 0) + Math.min(byBuildkit, byLayerlens);
      const agrees = SUBSET_ONLY.has(rule) ? byLayerlens <= byBuildkit : byLayerlens === byBuildkit;
      if (!agrees) differences.push(`${path.basename(file)} line ${key.split(':')[1]}: ${rule} printed ${byBuildkit}, reported ${byLayerlens}`);
    }
  }
  fs.rmSync(context, { recursive: true, force: true });
  t.diagnostic(`${checked} of ${sample.length} sampled files checked by BuildKit; agreed findings per rule: ${JSON.stringify(agreed)}`);
  assert.ok(checked >= 180, `only ${checked} files could be checked`);
  assert.deepEqual(differences, []);
});
