#!/usr/bin/env bash
# Runs every Collab test on a fresh Debian machine with the .NET SDK, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v curl >/dev/null || need_apt+=(curl)
[ -x /usr/lib/postgresql/15/bin/initdb ] || [ -n "${COLLAB_PG_BIN:-}" ] || need_apt+=(postgresql)
# The browser tests drive the workspace in real Chromium (Debian's package, /usr/bin/chromium).
[ -x /usr/bin/chromium ] || [ -n "${COLLAB_CHROMIUM:-}" ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (tests start their own servers; none is left running)."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
  # The package starts a system cluster we do not use; stop it so it holds no port.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
# `npm ci` in a folder whose packages are missing or were installed from another package-lock.json (a merge
# that added a package to an existing install), remembered by a copy of the lock installed from, as the
# workspace's build does.
npm_ci_if_changed() {
  local stamp="$1/node_modules/.collab-installed-package-lock.json"
  cmp -s "$1/package-lock.json" "$stamp" && return 0
  (cd "$1" && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.collab-installed-package-lock.json)
}

# playwright-core drives that Chromium (it never downloads a browser of its own); axe-core checks the pages.
npm_ci_if_changed tests/browser

# The OT cross-check compares the server's transform with the browser's library (npm ot-text-unicode).
npm_ci_if_changed tests/ot-vectors

# The benchmark's baselines in Node (npm yjs).
npm_ci_if_changed tools/Collab.Bench/baselines

dotnet build Collab.sln -warnaserror
log=$(mktemp)
browser_tap=$(mktemp)
trap 'rm -f "$log" "$browser_tap"' EXIT
status=0
dotnet test Collab.sln --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# The browser tests (they start the web app built above): readable output here, TAP for the summary.
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$browser_tap" tests/browser/ || status=$?
# The deployed shape: two silo processes and two web nodes in client mode over one PostgreSQL.
cluster_pass=0 cluster_fail=0
if deploy/local-cluster.sh --check; then cluster_pass=1; else cluster_fail=1; status=1; fi
# The benchmark at its quick size, so it keeps working: it prints figures and fails only when broken (a lost
# receipt, a wrong end text), never for being slow; a run stopped by the time bound is reported, not failed.
bench_status=0
timeout 600 dotnet tools/Collab.Bench/bin/Debug/net10.0/Collab.Bench.dll all --quick || bench_status=$?
if [ "$bench_status" -eq 0 ]; then cluster_pass=$((cluster_pass + 1))
elif [ "$bench_status" -eq 124 ]; then echo "benchmark: stopped after 600 s (slow, not counted as a failure)"
else cluster_fail=$((cluster_fail + 1)); status=1; fi
# One closing line in the plain "N passed, N failed" form, summed over the test assemblies' summaries and
# the browser tests' TAP totals (a cancelled browser test counts as failed).
awk -v p="$cluster_pass" -v f="$cluster_fail" '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     /^# pass [0-9]+$/ {p+=$3} /^# (fail|cancelled) [0-9]+$/ {f+=$3} /^# skipped [0-9]+$/ {s+=$3}
     END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log" "$browser_tap"
exit $status
