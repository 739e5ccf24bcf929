// English shown on a right-to-left page (an event not yet translated)
// must carry dir="ltr" and be laid out left to right; the check must
// catch one that does not, in a real Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { foreignText } from '../lib/inpage.js';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});
after(() => browser?.close());

async function check(body) {
  const p = await browser.newPage();
  await p.setContent(`<!doctype html><html lang="ar-US" dir="rtl"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`);
  const result = await p.evaluate(foreignText);
  await p.close();
  return result;
}

test('English fallback with its own dir is laid out left to right', async () => {
  const r = await check('<ol><li><p>نص</p></li><li><p lang="en" dir="ltr">The court clarified.</p></li></ol><a lang="fa-US" dir="rtl" href="/fa/">فارسی</a>');
  assert.deepEqual(r.problems, []);
  assert.equal(r.checked, 2, 'the Farsi link is another language than the page too');
});

test('English fallback without dir is caught', async () => {
  const r = await check('<p lang="en">The court clarified.</p>');
  assert.equal(r.checked, 1);
  assert.match(r.problems[0], /<p lang="en"> "The court clarified\.": text in another language than the page has no dir of its own/);
});

test('a dir the layout overrides is caught', async () => {
  const r = await check('<style>.x{direction:rtl}</style><p class="x" lang="en" dir="ltr">Text.</p>');
  assert.match(r.problems[0], /laid out rtl, not ltr/);
});
