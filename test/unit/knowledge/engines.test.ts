import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, ENGINE_FRONTENDS, frontendOfEngine } from '../../../server/src/engine/knowledge/engines';

test('the frontend built into an engine version: its release line, or the latest line before it', () => {
  const rows: [string, string | undefined][] = [
    ['19.03.15', '1.2'],
    ['20.10.24+dfsg1', '1.2'],
    ['23.0.6', '1.4'],
    ['24.0.7', '1.5'],
    ['26.1.4', '1.7'],
    ['27.0.3', '1.8'],
    ['27.2.1', '1.9'],
    ['27.3.1', '1.10'],
    ['28.0.4', '1.14'],
    ['28.5.2+dfsg4', '1.19'],
    ['29.0.0', undefined],
    ['not a version', undefined],
  ];
  for (const [engine, frontend] of rows) assert.equal(frontendOfEngine(engine)?.frontend, frontend, engine);
});

test('the table runs oldest first, engines and frontends both rising', () => {
  for (let i = 1; i < ENGINE_FRONTENDS.length; i++) {
    assert.ok(compareVersions(ENGINE_FRONTENDS[i].engine, ENGINE_FRONTENDS[i - 1].engine) > 0, ENGINE_FRONTENDS[i].engine);
    assert.ok(compareVersions(ENGINE_FRONTENDS[i].frontend, ENGINE_FRONTENDS[i - 1].frontend) > 0, ENGINE_FRONTENDS[i].frontend);
  }
  assert.ok(compareVersions('1.10', '1.9') > 0);
});
