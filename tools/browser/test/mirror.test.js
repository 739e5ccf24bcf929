// The right-to-left check must tell a layout built with logical
// properties from one built with physical ones, in a real Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { mirror } from '../lib/inpage.js';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});
after(() => browser?.close());

const page = (dir, css) => `<!doctype html><html lang="ar" dir="${dir}"><head><meta charset="utf-8"><title>t</title>
<style>body{margin:0;font:16px sans-serif} .wrap{max-inline-size:30rem;margin-inline:auto;padding-inline:1rem}
header .wrap{display:flex;justify-content:space-between} .logo{display:block;inline-size:120px;block-size:40px;background:#036}
ol{padding-inline-start:2rem} ${css}</style></head>
<body><header><div class="wrap"><a class="logo" href="/"></a><nav><a href="/en/">English</a></nav></div></header>
<main class="wrap"><h1>عنوان</h1><p class="note">نص</p><ol><li>أ</li><li>ب</li></ol></main></body></html>`;

async function check(html) {
  const p = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await p.setContent(html);
  const result = await p.evaluate(mirror);
  await p.close();
  return result;
}

test('a layout made with logical properties mirrors, in both directions', async () => {
  for (const dir of ['rtl', 'ltr']) {
    const r = await check(page(dir, '.note{border-inline-start:4px solid;padding-inline-start:1rem;text-align:start}'));
    assert.deepEqual(r.broken, [], dir);
    assert.equal(r.dir, dir);
    assert.ok(r.checked >= 8, `only ${r.checked} boxes`);
    assert.ok(r.asymmetric > 0, 'nothing moved when the direction flipped');
  }
});

test('physical properties are found and named', async () => {
  const cases = [
    ['.note{margin-left:2rem}', /<p\.note>: margin-left 32px, margin-right 0px/],
    ['.note{border-left:4px solid red}', /<p\.note>: border-left-width 4px/],
    ['ol{padding-left:3rem}', /<ol>: padding-left 48px/],
    ['h1{text-align:left}', /<h1>: text-align left/],
    ['.logo{margin-right:auto} header .wrap{display:block}', /<a\.logo>/],
    ['header .wrap{flex-direction:row-reverse;direction:ltr}', /<a\.logo>: left/],
  ];
  for (const [css, want] of cases) {
    const r = await check(page('rtl', css));
    assert.ok(r.broken.some((b) => want.test(b)), `${css}: ${JSON.stringify(r.broken, null, 1)}`);
  }
});
