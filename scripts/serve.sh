#!/usr/bin/env bash
# Serve the static build with the production nginx.conf, in the foreground (Ctrl-C stops it).
#
#   PORT        listen port (default 4173)
#   SERVE_ROOT  directory to serve (default: build/)
#
#   bash scripts/serve.sh --test   renders the config and checks it (nginx -t), serves nothing
#
# The repo's nginx.conf is rendered into .tmp/nginx/<port>/nginx.conf with only the lines marked
# "# @root" and "# @listen" changed, and the /tmp paths of the "# @tmp" lines (pid file, temp
# folders) moved into .tmp/nginx/<port>/, so what is served and tested is the real config.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-4173}
root_in=${SERVE_ROOT:-$repo/build}
test_only=0
case ${1:-} in
  '') ;;
  --test) test_only=1 ;;
  *)
    echo "usage: $0 [--test]" >&2
    exit 2
    ;;
esac

if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "serve.sh: PORT must be a TCP port number, got '$port'" >&2
  exit 2
fi
if [[ ! -f $root_in/index.html && ! -f $root_in/200.html ]]; then
  echo "serve.sh: no build in $root_in (run 'npm run build' first)" >&2
  exit 1
fi
root=$(cd "$root_in" && pwd -P)
if [[ $root == *[\"\;\$\\]* ]]; then
  echo "serve.sh: unsupported character in root path: $root" >&2
  exit 2
fi

nginx_bin=$(command -v nginx || true)
[[ -n $nginx_bin ]] || nginx_bin=/usr/sbin/nginx
if [[ ! -x $nginx_bin ]]; then
  echo "serve.sh: nginx not found (run 'bash scripts/ensure-deps.sh')" >&2
  exit 1
fi

dir=$repo/.tmp/nginx/$port
mkdir -p "$dir"
# Escape the sed replacement (& | and \ are special there).
root_sed=$(printf '%s' "$root" | sed -e 's/[&|\\]/\\&/g')
dir_sed=$(printf '%s' "$dir" | sed -e 's/[&|\\]/\\&/g')
sed -E \
  -e "/# @root\$/ s|^([[:space:]]*)root[[:space:]]+[^;]+;|\\1root \"$root_sed\";|" \
  -e "/# @listen\$/ s|^([[:space:]]*)listen[[:space:]]+[^;]+;|\\1listen $port;|" \
  -e "/# @tmp\$/ s|[[:space:]]/tmp/([^;]+);| \"$dir_sed/\\1\";|" \
  "$repo/nginx.conf" >"$dir/nginx.conf"

# Fail loudly if a marker was lost, rather than serve the Docker paths.
if ! grep -qF -- "root \"$root\"; # @root" "$dir/nginx.conf" ||
  ! grep -qF -- "listen $port; # @listen" "$dir/nginx.conf" ||
  grep -E -- '[[:space:]]/tmp/[^;]*; # @tmp$' "$dir/nginx.conf" >/dev/null; then
  echo "serve.sh: could not substitute the '# @root' / '# @listen' / '# @tmp' lines of nginx.conf" >&2
  exit 1
fi

globals='daemon off;'
if ((EUID == 0)); then
  # As root, nginx would run its workers as "nobody", which may not be able to read a checkout
  # under a private home directory: run them as the owner of the files served instead.
  globals+=" user $(stat -c %U "$root") $(stat -c %G "$root");"
fi

# nginx.conf logs access to /dev/stdout, which cannot be opened when stdout is a socket (as when
# Node, e.g. Playwright's webServer, spawns us): send it to a file then.
if [[ -S /dev/stdout ]]; then
  exec >>"$dir/access.log"
fi

if ((test_only)); then
  exec "$nginx_bin" -t -q -e stderr -p "$dir" -c nginx.conf -g "$globals"
fi
echo "serve.sh: serving $root at http://localhost:$port (config $dir/nginx.conf)" >&2
exec "$nginx_bin" -e stderr -p "$dir" -c nginx.conf -g "$globals"
