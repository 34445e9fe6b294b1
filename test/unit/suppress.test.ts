import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, findRule, parseDockerfile, skipRuleEdit, type SkipScope } from '../../server/src/engine';

const WRITES_SECRET = 'RUN --mount=type=secret,id=t cat /run/secrets/t > /app/token';

// Each case: the file, the rule and the 0-based line of its finding, the scope, and the file after the edit.
const CASES: { name: string; text: string; rule: string; line: number; scope: SkipScope; after: string }[] = [
  {
    name: 'a BuildKit check on one instruction: # check=skip= right above it, indented as it is',
    text: 'FROM alpine\n  MAINTAINER me\n',
    rule: 'MaintainerDeprecated',
    line: 1,
    scope: 'line',
    after: 'FROM alpine\n  # check=skip=MaintainerDeprecated\n  MAINTAINER me\n',
  },
  {
    name: 'a check=skip comment already above the instruction is extended, not repeated',
    text: 'FROM alpine\n# keep the label\n# check=skip=JSONArgsRecommended\nMAINTAINER me\n',
    rule: 'MaintainerDeprecated',
    line: 3,
    scope: 'line',
    after: 'FROM alpine\n# keep the label\n# check=skip=JSONArgsRecommended,MaintainerDeprecated\nMAINTAINER me\n',
  },
  {
    name: 'a Layerlens rule on one instruction: # layerlens-ignore above it',
    text: `FROM alpine\n${WRITES_SECRET}\n`,
    rule: 'SecretWrittenToLayer',
    line: 1,
    scope: 'line',
    after: `FROM alpine\n# layerlens-ignore SecretWrittenToLayer\n${WRITES_SECRET}\n`,
  },
  {
    name: 'an existing # layerlens-ignore list gets the rule appended',
    text: `FROM alpine\n# layerlens-ignore BroadContextCopy\n${WRITES_SECRET}\n`,
    rule: 'SecretWrittenToLayer',
    line: 2,
    scope: 'line',
    after: `FROM alpine\n# layerlens-ignore BroadContextCopy, SecretWrittenToLayer\n${WRITES_SECRET}\n`,
  },
  {
    name: 'above the first instruction under parser directives, a blank line keeps the comment from becoming one',
    text: '# syntax=docker/dockerfile:1\nFROM alpine as build\n',
    rule: 'FromAsCasing',
    line: 1,
    scope: 'line',
    after: '# syntax=docker/dockerfile:1\n\n# check=skip=FromAsCasing\nFROM alpine as build\n',
  },
  {
    name: 'the whole file without a check directive: a new one after # syntax=',
    text: '# syntax=docker/dockerfile:1\nFROM alpine\nMAINTAINER me\n',
    rule: 'MaintainerDeprecated',
    line: 2,
    scope: 'file',
    after: '# syntax=docker/dockerfile:1\n# check=skip=MaintainerDeprecated\nFROM alpine\nMAINTAINER me\n',
  },
  {
    name: 'the whole file, no directive at all: on the first line',
    text: 'FROM alpine\r\nMAINTAINER me\r\n',
    rule: 'MaintainerDeprecated',
    line: 1,
    scope: 'file',
    after: '# check=skip=MaintainerDeprecated\r\nFROM alpine\r\nMAINTAINER me\r\n',
  },
  {
    name: "the file's check directive with a skip list: the rule joins the list",
    text: '# check=skip=JSONArgsRecommended;error=true\nFROM alpine\nMAINTAINER me\n',
    rule: 'MaintainerDeprecated',
    line: 2,
    scope: 'file',
    after: '# check=skip=JSONArgsRecommended,MaintainerDeprecated;error=true\nFROM alpine\nMAINTAINER me\n',
  },
  {
    name: "the file's check directive without skip: a skip part is added",
    text: '# check=error=true\nFROM alpine\n' + WRITES_SECRET + '\n',
    rule: 'SecretWrittenToLayer',
    line: 2,
    scope: 'file',
    after: '# check=error=true;skip=SecretWrittenToLayer\nFROM alpine\n' + WRITES_SECRET + '\n',
  },
];

for (const c of CASES) {
  test(`skip a rule: ${c.name}`, () => {
    const before = analyze(c.text).findings.filter((f) => f.rule === c.rule);
    assert.ok(
      before.some((f) => f.range.start.line === c.line),
      `${c.rule} reports line ${c.line + 1} before`,
    );
    const rule = findRule(c.rule);
    assert.ok(rule);
    const model = parseDockerfile(c.text);
    const edit = skipRuleEdit(model, rule, c.line, c.scope);
    assert.ok(edit);
    const after = applyEdits(model, [edit]);
    assert.equal(after, c.after);
    const left = analyze(after).findings.filter((f) => f.rule === c.rule);
    assert.equal(left.length, c.scope === 'file' ? 0 : before.length - 1, 'silenced there, and only there');
  });
}

test('skip a rule on a line that holds no instruction: no edit, the file scope still has one', () => {
  const model = parseDockerfile('# a comment\nFROM alpine\n');
  const rule = findRule('MaintainerDeprecated');
  assert.ok(rule);
  assert.equal(skipRuleEdit(model, rule, 0, 'line'), undefined);
  assert.ok(skipRuleEdit(model, rule, 0, 'file'));
});
