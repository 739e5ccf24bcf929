// node --test plugins/go-cache/test/: the plugin's own logic, with a fake
// of Netlify's utils.cache that moves directories as the real one does.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const plugin = require('../index.js');
const { goCacheDirs } = require('../dirs.js');

test('goCacheDirs makes the directories absolute, inside the repository', () => {
  const cwd = '/opt/build/repo';
  assert.deepEqual(goCacheDirs({ GOCACHE: '.cache/go-build', GOMODCACHE: '.cache/go-mod', OTHER: 'x' }, cwd), {
    GOCACHE: '/opt/build/repo/.cache/go-build',
    GOMODCACHE: '/opt/build/repo/.cache/go-mod',
  });
  assert.deepEqual(goCacheDirs({ GOCACHE: '/opt/build/repo/.cache/go-build' }, cwd), { GOCACHE: '/opt/build/repo/.cache/go-build' });
  assert.deepEqual(goCacheDirs({}, cwd), {});
  for (const bad of ['.', '..', '../cache', '/tmp/gocache', '/opt/build/repository-cache']) {
    assert.throws(() => goCacheDirs({ GOCACHE: bad }, cwd), /inside the repository/, bad);
  }
});

// fakeUtils keeps "Netlify's cache" in a directory of its own, moving
// whole directories in and out, and records calls.
function fakeUtils(store) {
  const calls = [];
  const key = (p) => path.join(store, encodeURIComponent(p));
  return {
    calls,
    build: { failBuild: (msg) => { calls.push(['failBuild', msg]); throw new Error(msg); } },
    cache: {
      async restore(paths, opts) {
        calls.push(['restore', paths, opts]);
        let any = false;
        for (const p of paths) {
          if (fs.existsSync(key(p))) {
            fs.rmSync(p, { recursive: true, force: true });
            fs.mkdirSync(path.dirname(p), { recursive: true });
            fs.renameSync(key(p), p);
            any = true;
          }
        }
        return any;
      },
      async save(paths, opts) {
        calls.push(['save', paths, opts]);
        let any = false;
        for (const p of paths) {
          if (fs.existsSync(p)) {
            fs.rmSync(key(p), { recursive: true, force: true });
            fs.renameSync(p, key(p));
            any = true;
          }
        }
        return any;
      },
    },
  };
}

test('a build restores what the previous one saved, and the build command sees absolute paths', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  const store = path.join(tmp, 'netlify-cache');
  fs.mkdirSync(repo);
  fs.mkdirSync(store);
  const cwd = process.cwd();
  process.chdir(repo);
  t.after(() => process.chdir(cwd));

  const build = async (compile) => {
    const netlifyConfig = { build: { environment: { GOCACHE: '.cache/go-build', GOMODCACHE: '.cache/go-mod', NO_COLOR: '1' } } };
    const utils = fakeUtils(store);
    await plugin.onPreBuild({ netlifyConfig, utils });
    const env = netlifyConfig.build.environment;
    assert.equal(env.GOCACHE, path.join(repo, '.cache/go-build'));
    assert.equal(env.GOMODCACHE, path.join(repo, '.cache/go-mod'));
    assert.equal(env.NO_COLOR, '1');
    const seen = compile(env);
    await plugin.onPostBuild({ netlifyConfig, utils });
    assert.ok(utils.calls.every(([, , opts]) => opts === undefined || opts.move === true), 'directories are moved, not copied');
    return seen;
  };

  // Cold: nothing to restore; "compiling" fills the cache.
  const cold = await build((env) => {
    const found = fs.existsSync(path.join(env.GOCACHE, 'hugo.a'));
    fs.mkdirSync(env.GOCACHE, { recursive: true });
    fs.writeFileSync(path.join(env.GOCACHE, 'hugo.a'), 'compiled');
    fs.mkdirSync(path.join(env.GOMODCACHE, 'github.com'), { recursive: true });
    return found;
  });
  assert.equal(cold, false);
  assert.equal(fs.existsSync(path.join(repo, '.cache/go-build')), false, 'saved by moving it away');
  // Warm: the next build finds it.
  const warm = await build((env) => fs.readFileSync(path.join(env.GOCACHE, 'hugo.a'), 'utf8'));
  assert.equal(warm, 'compiled');
});

test('the plugin exports only Netlify events', () => {
  for (const name of Object.keys(plugin)) assert.match(name, /^on(PreBuild|Build|PostBuild|Success|Error|End)$/);
});

test('a misconfigured cache fails the build with the reason', async () => {
  const utils = fakeUtils(os.tmpdir());
  await assert.rejects(plugin.onPreBuild({ netlifyConfig: { build: { environment: { GOCACHE: '/tmp/x' } } }, utils }), /inside the repository/);
  await assert.rejects(plugin.onPreBuild({ netlifyConfig: { build: { environment: {} } }, utils }), /neither GOCACHE nor GOMODCACHE/);
});
