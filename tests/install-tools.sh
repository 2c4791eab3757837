#!/usr/bin/env bash
# Install what the suite runs besides Python (tests/tools.txt), where this machine allows it:
# Debian packages when run as root with apt-get, graphology (tests/js) when npm is there.
# Whatever stays missing, pytest skips the tests that need it and names the command that installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
while read -r tool package _; do
    [[ -z $tool || $tool == \#* ]] && continue
    command -v "$tool" >/dev/null || packages+=("$package")
done < tests/tools.txt

if ((${#packages[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends "${packages[@]}" \
            || { apt-get update && apt-get install -y --no-install-recommends "${packages[@]}"; } \
            || echo "install-tools: apt-get could not install ${packages[*]}" >&2
    else
        echo "install-tools: not installing ${packages[*]} (that takes root and apt-get)" >&2
    fi
fi

# The JavaScript parsers the export tests check GEXF and GraphML with, pinned by the lock file.
js=tests/js
if command -v npm >/dev/null && ! [[ $js/node_modules/.installed -nt $js/package-lock.json ]]; then
    if npm ci --prefix "$js" --no-audit --no-fund --loglevel=error; then
        touch "$js/node_modules/.installed"
    else
        echo "install-tools: npm could not install $js" >&2
    fi
fi
