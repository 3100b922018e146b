#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite (npm test: typecheck, then vitest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests
npm test
