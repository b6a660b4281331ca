#!/usr/bin/env bash
# Runs every Collab test on a fresh Debian machine with the .NET SDK, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || [ -n "${COLLAB_PG_BIN:-}" ] || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (tests start their own servers; none is left running)."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
  # The package starts a system cluster we do not use; stop it so it holds no port.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi

# The OT cross-check compares the server's transform with the browser's library (npm ot-text-unicode).
[ -d tests/ot-vectors/node_modules ] || (cd tests/ot-vectors && npm ci --no-audit --no-fund)

dotnet build Collab.sln -warnaserror
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Collab.sln --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# One closing line in the plain "N passed, N failed" form, summed over the test assemblies' summaries.
awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log"
exit $status
