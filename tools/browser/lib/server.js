// A tiny HTTPS server for the built site on loopback, behaving like the
// CDN in what the checks can see: the headers of _headers and netlify.toml
// (so the Content-Security-Policy is really enforced in the browser), gzip
// for text, /dir/ → /dir/index.html, and the 404 pages of _redirects and
// netlify.toml.
//
// It serves HTTPS under the site's real host name, which the browser maps
// to this server (--host-resolver-rules): pages are checked at the address
// they are published at, so canonical links, HSTS and the policy's
// upgrade-insecure-requests behave as in production. The certificate is
// self-signed, made for the run with openssl, and trusted only by the
// browsers the suite starts (--ignore-certificate-errors).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import { headersFor, loadHeaderRules, netlifyConfig, pattern } from './headers.js';
import { notFoundRules } from './redirects.js';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const compressible = /^(text\/|image\/svg|application\/(json|xml))/;

function certificate(host) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${host}`,
    '-addext', `subjectAltName=DNS:${host}`,
  ], { stdio: 'ignore' });
  const pair = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true });
  return pair;
}

// serve starts the server on a free loopback port. root is the built
// site; netlifyToml the path of netlify.toml, in the repository (whose Go
// tool gives the header rules). It resolves to
// { port, close() , log } where log lists every request it answered.
export async function serve({ root, netlifyToml, host }) {
  const cfg = netlifyConfig(fs.readFileSync(netlifyToml, 'utf8'));
  const rules = loadHeaderRules({ repo: path.dirname(path.resolve(netlifyToml)), root: path.resolve(root), netlifyToml: path.resolve(netlifyToml) });
  // 404 pages per language: the generated _redirects first, as Netlify
  // applies it before netlify.toml.
  const redirectsFile = path.join(root, '_redirects');
  const notFound = [
    ...(fs.existsSync(redirectsFile) ? notFoundRules(fs.readFileSync(redirectsFile, 'utf8')) : []),
    ...cfg.notFound,
  ];
  const log = [];

  // file maps a URL path to a file of the built site, or null.
  const file = (urlPath) => {
    let rel = decodeURIComponent(urlPath);
    if (rel.endsWith('/')) rel += 'index.html';
    const p = path.join(root, path.normalize(rel));
    if (!p.startsWith(root + path.sep)) return null;
    try {
      return fs.statSync(p).isFile() ? p : null;
    } catch {
      return null;
    }
  };

  const server = https.createServer(certificate(host), (req, res) => {
    const url = new URL(req.url, `https://${host}`);
    let status = 200;
    let p = file(url.pathname);
    if (!p && file(url.pathname + '/')) {
      res.writeHead(301, { Location: url.pathname + '/' });
      res.end();
      log.push([301, url.pathname]);
      return;
    }
    if (!p) {
      status = 404;
      const rule = notFound.find((r) => pattern(r.from).test(url.pathname));
      p = file(rule ? rule.to : '/404.html');
    }
    log.push([status, url.pathname]);
    const type = types[path.extname(p ?? '')] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, ...headersFor(url.pathname, rules) };
    let body = p ? fs.readFileSync(p) : Buffer.from('not found');
    if (compressible.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = zlib.gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    log,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
