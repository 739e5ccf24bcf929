// The directories the go-cache plugin keeps, from the build's environment.
// Apart from index.js because Netlify accepts only event handlers as a
// plugin's exports.

const path = require('node:path');

// The variables whose directories are kept, in the order they are shown.
const VARIABLES = ['GOCACHE', 'GOMODCACHE'];

// goCacheDirs returns, for each variable set in environment, its
// directory as an absolute path resolved against the repository (cwd).
// A directory must be inside the repository and not the repository
// itself: Netlify's cache keeps paths under the build directory, and
// restoring the repository would undo the checkout.
function goCacheDirs(environment, cwd) {
  const dirs = {};
  for (const name of VARIABLES) {
    const value = environment[name];
    if (value === undefined || value === '') continue;
    const dir = path.resolve(cwd, value);
    const rel = path.relative(cwd, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new Error(`${name}=${value} must be a directory inside the repository (${cwd})`);
    }
    dirs[name] = dir;
  }
  return dirs;
}

module.exports = { goCacheDirs };
