#!/usr/bin/env bash
# Quick start: sets everything up, then starts the server with the sample dataset (examples/sales.csv)
# loaded. Open the GraphiQL or dashboard link it prints (signed in with the admin token) once it logs "serving".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "GraphiQL, signed in as the administrator: $(npm run -s tokens -- graphiql)"
echo "The dashboard, signed in as the administrator: $(npm run -s tokens -- dashboard)"
echo "API token for curl and clients: export TOKEN=\$(cat ${DATA_DIR:-data}/admin-token)"
SEED_DATASET="${SEED_DATASET:-examples/sales.csv}" exec npm start
