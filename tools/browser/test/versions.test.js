import assert from 'node:assert/strict';
import test from 'node:test';

import { chromiumMajor, chromiumProblem, supportedRange } from '../lib/versions.js';

test('chromiumMajor reads Debian\'s and Google\'s version lines', () => {
  assert.equal(chromiumMajor('Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm)'), 150);
  assert.equal(chromiumMajor('Google Chrome 159.0.8154.6 '), 159);
  assert.equal(chromiumMajor('chromium: command not found'), null);
});

test('chromiumProblem accepts the range and says what to do outside it', () => {
  const range = { oldest: 150, newest: 159, playwright: '1.65.1' };
  assert.equal(chromiumProblem(150, range), null);
  assert.equal(chromiumProblem(156, range), null);
  assert.equal(chromiumProblem(159, range), null);
  assert.match(chromiumProblem(160, range), /Chromium 160 is newer than 159, the Chromium of the locked playwright-core 1\.65\.1: update tools\/browser/);
  assert.match(chromiumProblem(149, range), /Chromium 149 is older than 150.*upgrade Debian's chromium/);
  assert.match(chromiumProblem(null, range), /could not read/);
});

test('the locked tools give a range that is not empty', () => {
  const r = supportedRange();
  assert.ok(Number.isInteger(r.oldest) && Number.isInteger(r.newest), JSON.stringify(r));
  assert.ok(r.oldest <= r.newest, `package.json's chromium.oldest ${r.oldest} is newer than playwright-core's Chromium ${r.newest}`);
});
