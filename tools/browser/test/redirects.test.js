import assert from 'node:assert/strict';
import test from 'node:test';

import { notFoundRules } from '../lib/redirects.js';

test('notFoundRules reads the 404 rules of _redirects, in order', () => {
  const text = [
    '# Written by `statement build`',
    '',
    '/  /es/  302!  Language=es',
    '/es/*  /es/404.html  404',
    '/fil/*  /fil/404.html  404',
    '/old  /new  301',
  ].join('\n');
  assert.deepEqual(notFoundRules(text), [
    { from: '/es/*', to: '/es/404.html' },
    { from: '/fil/*', to: '/fil/404.html' },
  ]);
  assert.deepEqual(notFoundRules(''), []);
});
