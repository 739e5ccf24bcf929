// go-cache: keeps Go's build cache (GOCACHE) and module cache (GOMODCACHE)
// between Netlify builds, so that a deploy compiles only what changed
// instead of all of Hugo (minutes on a cold cache; see docs/PERFORMANCE.md).
//
// netlify.toml names both directories relative to the repository; Go
// needs absolute paths, so before the build command runs the plugin makes
// them absolute in the build's environment and restores them from Netlify's
// cache. After the build, and after a failed one (the compiling done is
// still good), it saves them. Directories are moved, not copied: the Go
// build cache holds tens of thousands of files.

const path = require('node:path');

const { goCacheDirs } = require('./dirs.js');

function describe(dirs, cwd) {
  return Object.entries(dirs).map(([name, dir]) => `${name}=${path.relative(cwd, dir)}`).join(', ');
}

async function save({ netlifyConfig, utils }) {
  const cwd = process.cwd();
  const dirs = goCacheDirs(netlifyConfig.build.environment, cwd);
  const saved = await utils.cache.save(Object.values(dirs), { move: true });
  console.log(saved ? `go-cache: saved ${describe(dirs, cwd)}` : 'go-cache: nothing to save');
}

module.exports = {
  async onPreBuild({ netlifyConfig, utils }) {
    const cwd = process.cwd();
    let dirs;
    try {
      dirs = goCacheDirs(netlifyConfig.build.environment, cwd);
    } catch (err) {
      return utils.build.failBuild(`go-cache: ${err.message}`);
    }
    if (Object.keys(dirs).length === 0) {
      return utils.build.failBuild('go-cache: netlify.toml sets neither GOCACHE nor GOMODCACHE in [build.environment]');
    }
    // The build command sees these values (Go refuses relative ones).
    Object.assign(netlifyConfig.build.environment, dirs);
    const restored = await utils.cache.restore(Object.values(dirs), { move: true });
    console.log(restored ? `go-cache: restored ${describe(dirs, cwd)}` : `go-cache: no cache yet for ${describe(dirs, cwd)}; this build compiles from scratch`);
  },

  onPostBuild: save,
  onError: save,
};
