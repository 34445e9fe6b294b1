import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../support/env';

interface ActionStep {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;

/**
 * Runs the composite action's steps as a GitHub runner does: each `run` under bash with `-e` and
 * pipefail, the `${{ inputs.* }}` and `${{ github.action_path }}` expressions of `env` and
 * `working-directory` resolved, the inputs' defaults applied, and GITHUB_OUTPUT collected.
 */
function runAction(actionPath: string, workspace: string, given: Record<string, string>, steps = action.runs.steps) {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
  const resolve = (text: string) =>
    text.replace(/\$\{\{\s*(inputs\.([\w-]+)|github\.action_path)\s*\}\}/g, (_, _expression: string, input?: string) => {
      if (input === undefined) return actionPath;
      assert.ok(input in inputs, `the action uses an input it declares: ${input}`);
      return inputs[input] ?? '';
    });
  const outputs: Record<string, Record<string, string>> = {};
  let stdout = '';
  for (const step of steps) {
    assert.equal(step.shell, 'bash', `${step.name}: a composite step names its shell`);
    const outputFile = path.join(workspace, '..', `github-output-${step.id ?? 'step'}`);
    fs.writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)]));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
      cwd: step['working-directory'] ? resolve(step['working-directory']) : workspace,
      env: { ...process.env, ...env, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: workspace },
      encoding: 'utf8',
    });
    stdout += result.stdout;
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        fs
          .readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    if (result.status !== 0) return { status: result.status, stdout, stderr: result.stderr, outputs };
  }
  return { status: 0, stdout, stderr: '', outputs };
}

describe('the composite GitHub Action (action.yml)', () => {
  let dir = '';
  let actionPath = '';
  let workspace = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-action-'));
    // What `uses:` checks out: the repository's files, without node_modules or a build.
    actionPath = path.join(dir, 'action');
    const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    for (const file of tracked) {
      if (!fs.existsSync(path.join(repoRoot, file))) continue;
      fs.mkdirSync(path.dirname(path.join(actionPath, file)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, file), path.join(actionPath, file));
    }
    workspace = path.join(dir, 'workspace', 'a repo');
    fs.mkdirSync(path.join(workspace, 'api'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM busybox:1.36 as build\nRUN echo hi > /out\n');
    fs.writeFileSync(path.join(workspace, 'api', 'Dockerfile'), 'FROM busybox:1.36\nCMD ["true"]\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('its metadata: a composite action with described inputs for paths, format, fail level and output, and the report as an output', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description.length <= 125, 'a name, and a description the Marketplace shows whole');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'fail-level', 'output']);
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `${name} is described`);
    assert.equal(action.inputs.format?.default, 'sarif');
    assert.equal(action.outputs.report?.value, '${{ steps.check.outputs.report }}');
    assert.ok(action.runs.steps.some((s) => s.id === 'check'));
    // Inputs are passed through env, never spliced into a script's text, where a path could run as code.
    for (const step of action.runs.steps) assert.doesNotMatch(step.run ?? '', /\$\{\{/, `${step.name}: no expression in the script`);
  });

  test('from a checkout of the repository: it builds the CLI, writes SARIF 2.1.0 with the finding, and passes at the default fail level', () => {
    const ran = runAction(actionPath, workspace, {});
    assert.equal(ran.status, 0, `${ran.stdout}${ran.stderr}`);
    const report = path.join(workspace, ran.outputs.check?.report ?? '');
    assert.equal(ran.outputs.check?.report, 'layerlens.sarif');
    const sarif = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri]),
      [['FromAsCasing', 'Dockerfile']],
    );
  });

  test('fail-level warning fails the step and still writes the report; format github prints annotations for several paths; a missing path is an input error', () => {
    const build = action.runs.steps.filter((s) => s.id === 'check');
    const failed = runAction(actionPath, workspace, { 'fail-level': 'warning', output: 'report.sarif' }, build);
    assert.equal(failed.status, 1);
    assert.ok(fs.statSync(path.join(workspace, 'report.sarif')).size > 0, 'the report is written before the step fails');

    const annotated = runAction(actionPath, workspace, { format: 'github', output: 'annotations.txt', paths: 'api Dockerfile' }, build);
    assert.equal(annotated.status, 0);
    assert.match(annotated.stdout, /^::warning file=Dockerfile,line=1,col=\d+,endLine=1,endColumn=\d+,title=Layerlens FromAsCasing::/m);

    // The workspace's own path has a space: the action quotes what it is handed.
    const missing = runAction(actionPath, workspace, { paths: 'no-such-dir' }, build);
    assert.equal(missing.status, 2, 'a usage or input error exits 2');
  });
});
