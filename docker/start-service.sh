#!/bin/sh
# The image's entrypoint: runs one Limye service, named by the first argument or by LIMYE_SERVICE
# (payment-intake, customer-registry, debt-ledger, meter-adapter, eligibility, sandbox).
# `exec` makes node PID 1, so it gets the SIGTERM Kubernetes / docker stop sends and shuts down gracefully.
set -eu
service="${1:-${LIMYE_SERVICE:-}}"
here="$(cd "$(dirname "$0")" && pwd)"
main="$here/dist/apps/$service/src/main.js"
case "$service" in
  ''|*/*|.*) echo "start-service: name the service: LIMYE_SERVICE=<service> or the first argument; one of: $(ls "$here/dist/apps" | tr '\n' ' ')" >&2; exit 64 ;;
esac
if [ ! -f "$main" ]; then
  echo "start-service: no service '$service' in this image; one of: $(ls "$here/dist/apps" | tr '\n' ' ')" >&2
  exit 64
fi
exec node "$main"
