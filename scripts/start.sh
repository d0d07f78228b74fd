#!/usr/bin/env bash
# `npm start`: install what is missing, build, and serve the production build with the
# production headers (nginx.conf) on http://localhost:4173.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh
npm run build

port=4173
echo
echo "  emotion-detector: http://localhost:$port  (Ctrl-C to stop)"
echo
PORT=$port exec bash scripts/serve.sh
