// The local server must send what Netlify sends: these are the merge
// rules of Netlify's headers-parser, on small cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { headersFor, netlifyConfig, parseHeadersFile, pattern } from '../lib/headers.js';

test('_headers: paths, indented headers, comments, colons in values', () => {
  const rules = parseHeadersFile('# generated\n/*\n  Content-Security-Policy: default-src \'none\'\n  X-Test: a: b\n\n/en/*\n  X-Robots-Tag: noindex\n');
  assert.deepEqual(rules, [
    { for: '/*', values: [['Content-Security-Policy', "default-src 'none'"], ['X-Test', 'a: b']] },
    { for: '/en/*', values: [['X-Robots-Tag', 'noindex']] },
  ]);
  assert.throws(() => parseHeadersFile('  X: 1\n'), /neither a path nor a header/);
});

test('path patterns', () => {
  assert.ok(pattern('/*').test('/'));
  assert.ok(pattern('/*').test('/en/index.html'));
  assert.ok(pattern('/a/*').test('/a/icon.svg'));
  assert.ok(!pattern('/a/*').test('/ar/'));
  assert.ok(pattern('/:lang/404.html').test('/es/404.html'));
  assert.ok(pattern('/en').test('/en/'));
});

test('every matching rule applies; netlify.toml after _headers; a later value wins', () => {
  const file = parseHeadersFile('/*\n  Content-Security-Policy: x\n  Cache-Control: no-store\n');
  const cfg = netlifyConfig(`
[[headers]]
  for = "/*"
  [headers.values]
    Cache-Control = "max-age=0"
    X-Content-Type-Options = "nosniff"
[[headers]]
  for = "/a/*"
  [headers.values]
    Cache-Control = "immutable"
[[redirects]]
  from = "/es/*"
  to = "/es/404.html"
  status = 404
[[redirects]]
  from = "/"
  to = "/es/"
  status = 302
`);
  const rules = [...file, ...cfg.headers];
  assert.deepEqual(headersFor('/en/', rules), { 'Content-Security-Policy': 'x', 'Cache-Control': 'max-age=0', 'X-Content-Type-Options': 'nosniff' });
  assert.equal(headersFor('/a/x.svg', rules)['Cache-Control'], 'immutable');
  assert.deepEqual(cfg.notFound, [{ from: '/es/*', to: '/es/404.html' }]);
});
