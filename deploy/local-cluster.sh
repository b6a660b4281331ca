#!/usr/bin/env bash
# Runs a whole Collab cluster on this machine: a PostgreSQL server in a temporary folder, two silos and two
# web nodes (Orleans clients), all on loopback. Ctrl-C stops everything and deletes the folder.
#   deploy/local-cluster.sh            web nodes on http://127.0.0.1:5081 and :5082
#   deploy/local-cluster.sh --check    the same on free ports, one cross-node check, then stop
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
if [ "${1:-}" = "--check" ]; then
  # A check must never meet another run on this machine: every port is free, the cluster id unique.
  PG_PORT=$(free_port); WEB=($(free_port) $(free_port)); SILO=($(free_port) $(free_port)); GATEWAY=($(free_port) $(free_port))
  SILO_HTTP=($(free_port) $(free_port))
  CLUSTER_ID="check-$$-$RANDOM"
else
  PG_PORT=${PG_PORT:-55432}; WEB=(5081 5082); SILO=(11111 11112); GATEWAY=(30001 30002); CLUSTER_ID=local-cluster
  SILO_HTTP=(8091 8092)
fi

PG_BIN=${COLLAB_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is missing: apt-get install -y postgresql (or run ./run-tests.sh once)"; exit 1; }
work=$(mktemp -d /tmp/collab-cluster.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -o "-p $PG_PORT -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE collab"

dotnet build silo/Collab.Silo -v q -nologo >/dev/null
dotnet build web/Collab.Web -v q -nologo >/dev/null

export Collab__Storage__Mode=Postgres
export Collab__Storage__PostgresConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=collab"
export Collab__Cluster__ClusterId=$CLUSTER_ID Collab__Cluster__AdvertisedIp=127.0.0.1
export Collab__Auth__DevIssuer=true Collab__Auth__DevKeyPath="$work/dev-signing.key"

for i in 0 1; do
  Collab__Cluster__SiloPort=${SILO[$i]} Collab__Cluster__GatewayPort=${GATEWAY[$i]} \
    dotnet silo/Collab.Silo/bin/Debug/net10.0/Collab.Silo.dll --urls "http://127.0.0.1:${SILO_HTTP[$i]}" > "$work/silo$i.log" 2>&1 &
  pids+=($!)
done
for i in 0 1; do
  Collab__Web__CoHostSilo=false ASPNETCORE_ENVIRONMENT=Development \
    dotnet web/Collab.Web/bin/Debug/net10.0/Collab.Web.dll --urls "http://127.0.0.1:${WEB[$i]}" \
    --contentRoot "$PWD/web/Collab.Web" > "$work/web$i.log" 2>&1 &
  pids+=($!)
done

# Every process must be ready: each silo joined the cluster with storage answering, each web node connected.
for i in 0 1; do
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:${SILO_HTTP[$i]}/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:${SILO_HTTP[$i]}/health/ready" >/dev/null || { echo "silo $i did not become ready"; tail -20 "$work/silo$i.log"; exit 1; }
done
for i in 0 1; do
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:${WEB[$i]}/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:${WEB[$i]}/health/ready" >/dev/null || { echo "web node $i did not become ready"; tail -20 "$work/web$i.log"; exit 1; }
done
echo "Collab cluster ready: web nodes http://127.0.0.1:${WEB[0]} and http://127.0.0.1:${WEB[1]} (2 silos, PostgreSQL on port $PG_PORT). Ctrl-C stops it."
if [ "${1:-}" = "--check" ]; then
  # A comment written through one web node is read back through the other (different processes, two silos).
  json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
  token=$(curl -fs -XPOST http://127.0.0.1:${WEB[0]}/auth/dev-token -H 'content-type: application/json' -d '{"handle":"cluster_check"}' | json '["token"]')
  auth=(-H "authorization: Bearer $token" -H 'content-type: application/json')
  circle=$(curl -fs "${auth[@]}" -XPOST http://127.0.0.1:${WEB[0]}/api/circles -d '{"name":"Cluster check"}' | json '["id"]')
  thread=$(curl -fs "${auth[@]}" -XPOST "http://127.0.0.1:${WEB[0]}/api/circles/$circle/threads" -d '{"title":"Hello"}' | json '["id"]')
  curl -fs "${auth[@]}" -XPOST "http://127.0.0.1:${WEB[0]}/api/threads/$thread/comments" -d '{"text":"written on node 1"}' >/dev/null
  text=$(curl -fs "${auth[@]}" "http://127.0.0.1:${WEB[1]}/api/threads/$thread/comments" | json '["items"][0]["text"]')
  [ "$text" = "written on node 1" ] || { echo "cluster check failed: node 2 read '$text'"; exit 1; }
  echo "cluster check passed: node 2 read what node 1 wrote"
  # Both silos joined: the membership table lists two active silos (Orleans' status 3) of this cluster.
  active=$(as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d collab -tAc \
    "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '$CLUSTER_ID' AND status = 3")
  [ "$active" = "2" ] || { echo "cluster check failed: $active active silos in the membership table, not 2"; exit 1; }
  echo "cluster check passed: both silos are active in the membership table"
  # Grains are placed on both: each silo's Prometheus scrape counts activations of Collab's grains (every type but
  # Orleans' own management and dashboard grains). Placement follows each silo's load (Orleans' resource-optimized
  # default), so a silo that looks busier may get no new grain for a while: threads are added 20 at a time, up to
  # 200, until both silos hold some.
  activations() {
    curl -fs "http://127.0.0.1:${SILO_HTTP[$1]}/metrics" \
      | awk '/^orleans_catalog_activation_created_total\{/ && !/grain_type="(management|dashboard)"/ {n += $NF} END {print n + 0}'
  }
  for round in $(seq 1 10); do
    for n in $(seq 1 20); do
      curl -fs "${auth[@]}" -XPOST "http://127.0.0.1:${WEB[$((n % 2))]}/api/circles/$circle/threads" -d "{\"title\":\"Placement $round.$n\"}" >/dev/null
    done
    grains=($(activations 0) $(activations 1))
    [ "${grains[0]}" -gt 0 ] && [ "${grains[1]}" -gt 0 ] && break
  done
  for i in 0 1; do
    [ "${grains[$i]}" -gt 0 ] || { echo "cluster check failed: silo $i activated none of Collab's grains (after $((round * 20)) threads)"; exit 1; }
    echo "cluster check passed: silo $i holds Collab grains (${grains[$i]} activated)"
  done
  exit 0
fi
wait
