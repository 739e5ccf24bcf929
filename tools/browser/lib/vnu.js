// The Nu Html Checker (vnu.jar from the vnu-jar package, run with the
// machine's Java) over every HTML page, style sheet and SVG file of the
// build. The CSS inside <style> elements is checked as part of its page.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function vnu(site) {
  const jar = require('vnu-jar');
  const files = [
    ...site.pages.map((p) => p.rel),
    ...site.css,
    ...site.svg,
  ].map((rel) => path.join(site.root, rel));
  const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--also-check-svg', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.error) throw run.error;
  let report;
  try {
    report = JSON.parse(run.stderr || run.stdout);
  } catch {
    throw new Error(`vnu printed no report (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  const rel = (url) => path.relative(site.root, new URL(url).pathname);
  const errors = [];
  const warnings = [];
  for (const m of report.messages) {
    const where = m.url ? `${rel(m.url)}:${m.lastLine ?? 0}:${m.firstColumn ?? m.lastColumn ?? 0}` : '(checker)';
    const text = `${where}: ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, ' ').slice(0, 80)}]` : ''}`;
    if (m.type === 'error' || m.type === 'non-document-error') errors.push(text);
    else if (m.subType === 'warning') warnings.push(text);
  }
  return { files: files.length, errors, warnings };
}
