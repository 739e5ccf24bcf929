// The local server must send what Netlify sends: these are the merge
// rules of Netlify's headers-parser, on small cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { headerRules, headersFor, netlifyConfig, pattern } from '../lib/headers.js';

test('path patterns', () => {
  assert.ok(pattern('/*').test('/'));
  assert.ok(pattern('/*').test('/en/index.html'));
  assert.ok(pattern('/a/*').test('/a/icon.svg'));
  assert.ok(!pattern('/a/*').test('/ar/'));
  assert.ok(pattern('/:lang/404.html').test('/es/404.html'));
  assert.ok(pattern('/en').test('/en/'));
});

test('every matching rule applies, in order; a later value wins', () => {
  // As tools/netlifyheaders prints them: _headers' rules, then netlify.toml's.
  const rules = headerRules(JSON.stringify([
    { for: '/*', match: '^/.*/?$', values: [['Content-Security-Policy', 'x'], ['Cache-Control', 'no-store']] },
    { for: '/*', match: '^/.*/?$', values: [['Cache-Control', 'max-age=0'], ['X-Content-Type-Options', 'nosniff']] },
    { for: '/a/*', match: '^/a/.*/?$', values: [['Cache-Control', 'immutable']] },
  ]));
  assert.deepEqual(headersFor('/en/', rules), { 'Content-Security-Policy': 'x', 'Cache-Control': 'max-age=0', 'X-Content-Type-Options': 'nosniff' });
  assert.equal(headersFor('/a/x.svg', rules)['Cache-Control'], 'immutable');
});

test('the 404 redirects of netlify.toml', () => {
  const cfg = netlifyConfig(`
[[headers]]
  for = "/*"
[[redirects]]
  from = "/es/*"
  to = "/es/404.html"
  status = 404
[[redirects]]
  from = "/"
  to = "/es/"
  status = 302
`);
  assert.deepEqual(cfg.notFound, [{ from: '/es/*', to: '/es/404.html' }]);
});
