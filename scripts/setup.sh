#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Iterate Investigator: the sandbox's system packages
# (bubblewrap, python3-pandas, python3-matplotlib for the charts) when missing, the Node packages (npm ci) and the database migrations.
# With --for-tests, also what the test suite drives: Debian's chromium (browser tests) and postgresql (each
# PostgreSQL test starts a throwaway cluster of its own; none is left running).
# Safe to run again: each step is skipped or repeated harmlessly.
set -euo pipefail
cd "$(dirname "$0")/.."

python_bin="${PYTHON_BIN:-/usr/bin/python3}"
missing=()
command -v "${BWRAP_BIN:-bwrap}" >/dev/null 2>&1 || missing+=(bubblewrap)
command -v "${PRLIMIT_BIN:-prlimit}" >/dev/null 2>&1 || missing+=(util-linux)
"$python_bin" -c 'import pandas' >/dev/null 2>&1 || missing+=(python3-pandas)
"$python_bin" -c 'import matplotlib' >/dev/null 2>&1 || missing+=(python3-matplotlib)
if [ "${1:-}" = "--for-tests" ]; then
  command -v "${CHROMIUM_BIN:-chromium}" >/dev/null 2>&1 || missing+=(chromium)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} with apt-get"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "setup: run as root, or install them yourself: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "setup: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

echo "setup: installing Node packages (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "setup: building the server (npm run build)"
npm run --silent build
echo "setup: applying database migrations"
npm run --silent db:migrate
echo "setup: done"
