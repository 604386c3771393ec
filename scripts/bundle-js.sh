#!/bin/sh
# Refresh the JavaScript that ships inside the Python package (viz/static/) from the pinned
# npm packages (package.json, package-lock.json): `make js`. The copies are committed, so a
# pip install from a clean clone needs no npm. Pyodide is not copied here: it stays in
# node_modules/ (`npm ci`), where the playground and the live page take it from.
set -e
cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund
version=$(node -p "require('./node_modules/@viz-js/viz/package.json').version")
cp node_modules/@viz-js/viz/dist/viz-global.js viz/static/viz-global.js
# The npm package carries no licence file: its header and package.json say MIT, and the
# wasm inside it is Graphviz (EPL-1.0) and Expat (MIT). viz/static/LICENSE-viz-js.txt says so.
head -8 viz/static/viz-global.js | grep -q "Viz.js $version" || {
    echo "bundle-js: viz-global.js does not start with the Viz.js $version header" >&2; exit 1; }
echo "bundle-js: viz/static/viz-global.js is Viz.js $version"
