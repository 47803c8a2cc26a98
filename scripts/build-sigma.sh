#!/bin/sh
# Rebuild netmap/maps/assets/vendor/sigma-bundle.min.js: sigma.js and graphology (versions pinned in
# scripts/sigma/package.json and package-lock.json) bundled by esbuild into ONE minified IIFE that sets
# window.NetmapSigma. The map page inlines it for the WebGL renderer (netmap/maps/html.py), so it must
# fetch nothing and need no eval: this script refuses a bundle that does. Needs node and npm; works in a
# scratch folder outside the repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
vendor="$root/netmap/maps/assets/vendor"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/netmap-sigma-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp "$here/sigma/package.json" "$here/sigma/package-lock.json" "$here/sigma/entry.js" "$scratch/"
cd "$scratch"
npm ci --no-audit --no-fund --silent
npx esbuild entry.js --bundle --minify --format=iife --target=es2019 --legal-comments=none \
    --outfile=sigma-bundle.min.js --log-level=warning
if grep -qE 'fetch\(|XMLHttpRequest|WebSocket|sendBeacon|importScripts|new Function|eval\(|</script|<!--' \
        sigma-bundle.min.js; then
    echo "build-sigma: the bundle contains a request, eval or a script-ending string; refusing it" >&2
    exit 1
fi
mkdir -p "$vendor"
cp sigma-bundle.min.js "$vendor/sigma-bundle.min.js"
{
    for pkg in sigma graphology graphology-utils events obliterator; do
        version=$(node -p "require('./node_modules/$pkg/package.json').version")
        echo "==== $pkg $version ===="
        cat node_modules/$pkg/LICENSE*
        echo
    done
} > "$vendor/sigma-bundle.LICENSES.txt"
echo "wrote $vendor/sigma-bundle.min.js ($(wc -c < "$vendor/sigma-bundle.min.js") bytes)"
