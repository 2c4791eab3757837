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

apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ((${#packages[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        # All at once; else with fresh package lists; else one by one, so one package that cannot
        # be installed does not keep the others out.
        apt_install "${packages[@]}" || { apt-get update -qq && apt_install "${packages[@]}"; } || {
            for package in "${packages[@]}"; do
                apt_install "$package" || echo "install-tools: apt-get could not install $package" >&2
            done
        }
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
