#!/usr/bin/env bash
# Runs the whole stack through the Aspire AppHost (IceCheckout.AppHost), the one way to run it: installs the servers'
# packages where missing, builds the AppHost (and with it every service) and, when the web app exists, web/dist; then
# starts the AppHost. Without a container runtime it runs Redis, RabbitMQ and MariaDB from the operating system's packages
# (scripts/servers.sh run, data in .data/), then every service and the Aspire dashboard, and prints the store's and the
# dashboard's addresses once every service is healthy. Ctrl-C or SIGTERM stops every process it started.
#
#   scripts/run.sh [--no-build] [AppHost configuration, e.g. --Servers:Mode=Executables]
#   scripts/run.sh stop        stops the servers a run that was killed outright (KILL) left behind
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPHOST="$REPO_ROOT/IceCheckout.AppHost"
LOG_DIR="$REPO_ROOT/.data/logs"
CONFIGURATION=Release
BUILD=1
APPHOST_ARGS=()

say() { echo "run.sh: $*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

if [[ "${1:-}" == stop ]]; then
    exec bash "$REPO_ROOT/scripts/servers.sh" stop --dir "$REPO_ROOT/.data"
fi

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) APPHOST_ARGS+=("$1"); shift ;;
    esac
done

STARTED=$SECONDS
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is needed: https://dotnet.microsoft.com/download/dotnet/10.0"
bash "$REPO_ROOT/scripts/servers.sh" install
mkdir -p "$LOG_DIR"

if [[ $BUILD -eq 1 ]]; then
    if [[ -f "$REPO_ROOT/web/package.json" ]]; then
        command -v npm >/dev/null 2>&1 || die "the web app needs Node.js with npm"
        say "building the web app (npm ci && npm run build in web/; log in .data/logs/web-build.log)"
        (cd "$REPO_ROOT/web" && npm ci --no-audit --no-fund && npm run build) >"$LOG_DIR/web-build.log" 2>&1 \
            || { tail -n 20 "$LOG_DIR/web-build.log" >&2; die "the web app did not build"; }
    fi
    say "building the AppHost and every service (log in .data/logs/build.log)"
    if ! dotnet build "$APPHOST" -c "$CONFIGURATION" -nologo >"$LOG_DIR/build.log" 2>&1; then
        grep -E ': error ' "$LOG_DIR/build.log" | sort -u | tail -n 20 >&2 || tail -n 20 "$LOG_DIR/build.log" >&2
        die "the build failed; see .data/logs/build.log"
    fi
fi

# The AppHost runs in the background so that this shell can hand it Ctrl-C or SIGTERM and wait until it has stopped the
# orchestrator, the dashboard, every service and every server.
say "starting the AppHost (the store and the dashboard addresses follow once every service is healthy)"
dotnet run --project "$APPHOST" -c "$CONFIGURATION" --no-build --launch-profile http -- "${APPHOST_ARGS[@]}" \
    > >(while IFS= read -r line; do
            echo "$line"
            [[ $line == *"IceCheckout is ready after"* ]] && say "ready $((SECONDS - STARTED)) s after the run command (Ctrl-C stops everything)"
        done) 2>&1 </dev/null &
apphost=$!
trap 'kill -TERM "$apphost" 2>/dev/null || true' INT TERM
while kill -0 "$apphost" 2>/dev/null; do
    wait "$apphost" && status=0 || status=$?
done
say "stopped"
exit "${status:-0}"
