#!/usr/bin/env bash
# Builds what the Limye image contains into <out-dir>: the compiled services (dist/), run-time data (data/),
# package.json + package-lock.json and production dependencies only. The Dockerfile runs this, and so does
# CI (test/deploy/image-build.e2e-spec.ts), so a step that breaks here fails CI, not only a docker build.
#
#   docker/build-app.sh <out-dir>        (from any folder; the sources are the checkout this script is in)
#   docker/build-app.sh --reuse-node-modules <out-dir>
#       builds with the checkout's own node_modules (symlinked) instead of a fresh `npm ci`: CI's test uses it,
#       CI having just run `npm ci` from the same lock file; every other step is the same.
#
# Steps: copy the sources into a scratch folder (never touching the checkout's own node_modules or dist),
# npm ci there and build; then in <out-dir> install production dependencies only, from the same lock file,
# without optional packages (the embedded PostgreSQL's binaries, which only `npm start` and the tests use)
# and without install scripts; copy dist/ and data/ beside them.
set -euo pipefail
reuse=0
if [ "${1:-}" = "--reuse-node-modules" ]; then reuse=1; shift; fi
out="${1:?usage: docker/build-app.sh <out-dir>}"
src="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ -n "$(ls -A "$out")" ]; then echo "build-app: $out is not empty" >&2; exit 2; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '[build-app] %s\n' "$*"; }

step "copying sources from $src"
# Only what the build reads; the folders a checkout may also hold (node_modules, dist, .data, .git) stay out.
(cd "$src" && tar -cf - package.json package-lock.json tsconfig.json tsconfig.build.json apps libs scripts bench data) \
  | tar -xf - -C "$work"

if [ "$reuse" = 1 ] && [ -d "$src/node_modules" ]; then
  step "using $src/node_modules for the build"
  ln -s "$src/node_modules" "$work/node_modules"
else
  step "npm ci (every dependency, for the build)"
  (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi

step "npm run build"
(cd "$work" && npm run --silent build)

step "installing production dependencies in $out"
cp "$work/package.json" "$work/package-lock.json" "$out/"
(cd "$out" && npm ci --omit=dev --omit=optional --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error)

step "copying dist/ and data/"
cp -R "$work/dist" "$out/dist"
cp -R "$work/data" "$out/data"
# Benchmarks and the launcher's scripts are not services: not in the image.
rm -rf "$out/dist/bench" "$out/dist/scripts"
cp "$src/docker/start-service.sh" "$out/start-service.sh"
chmod 0755 "$out/start-service.sh"

step "done: $(du -sh "$out" | cut -f1) in $out"
