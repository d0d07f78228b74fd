#!/usr/bin/env bash
# Idempotent set-up for `npm start` and `npm test`; prints nothing when nothing is missing.
#
#   bash scripts/ensure-deps.sh             node_modules (npm ci) and nginx
#   bash scripts/ensure-deps.sh --test      also what `npm test` needs: Debian's chromium for the browser
#                                           tests, and PyTorch for the training tests (resume bit-for-bit)
#
# System packages come from apt (Debian); Playwright never downloads a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want_test=0
for arg in "$@"; do
  case $arg in
    --test) want_test=1 ;;
    *)
      echo "usage: $0 [--test]" >&2
      exit 2
      ;;
  esac
done

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# --- node_modules -----------------------------------------------------------------------------
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "ensure-deps: installing node modules (npm ci)" >&2
  npm ci --no-audit --no-fund
fi

# --- system packages --------------------------------------------------------------------------
packages=()
if ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
  packages+=(nginx)
fi
if ((want_test)) && [[ ! -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]]; then
  packages+=(chromium fonts-liberation)
fi
# models/training runs on Debian's python3 (tests/unit/models/training-*.test.ts call /usr/bin/python3).
if ((want_test)) && ! /usr/bin/python3 -c 'import torch, numpy, PIL' >/dev/null 2>&1; then
  packages+=(python3-torch python3-numpy python3-pil)
fi
((${#packages[@]})) || exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: missing ${packages[*]} and no apt-get here; install them yourself" >&2
  exit 1
fi
sudo=()
if ((EUID != 0)); then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-deps: missing ${packages[*]}; run as root or install sudo" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "ensure-deps: installing ${packages[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq

# Prefer the small nginx build where the distribution still has one (Debian 12: nginx-light).
for i in "${!packages[@]}"; do
  if [[ ${packages[$i]} == nginx ]] && apt-cache show nginx-light >/dev/null 2>&1; then
    packages[i]=nginx-light
  fi
done

# In a container without an init system, keep the package from starting a system nginx on :80.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $policy && ! -d /run/systemd/system ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=1
fi
status=0
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" || status=$?
if ((added_policy)); then
  "${sudo[@]}" rm -f "$policy"
fi
exit "$status"
