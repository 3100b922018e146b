#!/usr/bin/env bash
# Quick start: sets everything up, then starts the server with the sample dataset (examples/sales.csv)
# loaded. Open http://127.0.0.1:4000/graphql (GraphiQL) once it logs "serving".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SEED_DATASET="${SEED_DATASET:-examples/sales.csv}" exec npm start
