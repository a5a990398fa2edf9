#!/usr/bin/env bash
# Runs the whole stack without containers: builds, starts real Redis, RabbitMQ and MariaDB
# (scripts/servers.sh, data in .data/), then every service on its own loopback port with the
# configuration contract of DESIGN.md, waits until each /health answers 200 and prints the URLs.
# Ctrl-C stops every service and server it started.
#
#   scripts/run.sh [--port 5080] [--no-build]     run the stack in the foreground
#   scripts/run.sh stop                           stop what a killed run left behind
#
# Environment: ICECHECKOUT_PORT (gateway port, default 5080), ASPNETCORE_ENVIRONMENT (default
# Development), OTEL_EXPORTER_OTLP_ENDPOINT (passed on when set), HEALTH_TIMEOUT (seconds, default 180).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"
RUN_DIR="$DATA_DIR/run"
SERVERS="$REPO_ROOT/scripts/servers.sh"
CONFIGURATION=Release
SERVICES=(catalog search cart detection gateway) # the gateway last: it fronts the others
GATEWAY_PORT="${ICECHECKOUT_PORT:-5080}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-180}"
BUILD=1

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "run.sh: $*"; }

project_of() {
    case "$1" in
        gateway) echo Gateway ;; catalog) echo Catalog ;; search) echo Search ;;
        cart) echo Cart ;; detection) echo Detection ;;
    esac
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# PREFERRED if free, else the next free port above it.
free_port() {
    local port="$1" taken=" ${2:-} "
    while port_in_use "$port" || [[ $taken == *" $port "* ]]; do port=$((port + 1)); done
    echo "$port"
}

# The HTTP status of GET http://127.0.0.1:PORT/health (000 when nothing answers), without needing curl.
health_status() {
    timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" >&3
        IFS=" " read -r _ status _ <&3 && echo "$status"' health "$1" 2>/dev/null || echo 000
}

kill_and_wait() {
    local pid="$1" waited=0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( waited < 150 )); do sleep 0.1; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
}

stop_services() {
    local file pid
    shopt -s nullglob
    for file in "$RUN_DIR"/*.pid; do
        pid="$(cat "$file")"
        [[ -n "$pid" ]] && kill_and_wait "$pid"
        rm -f "$file"
    done
    shopt -u nullglob
}

stop_everything() {
    trap - INT TERM EXIT
    echo
    say "stopping services"
    stop_services
    say "stopping servers"
    bash "$SERVERS" stop --dir "$DATA_DIR" || true
    say "stopped"
}

if [[ "${1:-}" == stop ]]; then
    stop_services
    bash "$SERVERS" stop --dir "$DATA_DIR"
    exit 0
fi

while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) GATEWAY_PORT="${2:?--port needs a number}"; shift 2 ;;
        --port=*) GATEWAY_PORT="${1#--port=}"; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is needed: https://dotnet.microsoft.com/download/dotnet/10.0"
bash "$SERVERS" install
mkdir -p "$LOG_DIR" "$RUN_DIR"
stop_services # a previous run that was killed outright

if [[ $BUILD -eq 1 ]]; then
    say "building (dotnet build IceCheckout.Build.slnf -c $CONFIGURATION; log in $LOG_DIR/build.log)"
    if ! dotnet build "$REPO_ROOT/IceCheckout.Build.slnf" -c "$CONFIGURATION" -nologo >"$LOG_DIR/build.log" 2>&1; then
        grep -E ' error |: error ' "$LOG_DIR/build.log" | sort -u | tail -n 20 >&2 || tail -n 20 "$LOG_DIR/build.log" >&2
        die "the build failed; see $LOG_DIR/build.log"
    fi
fi

STARTED_AT=$SECONDS
trap 'stop_everything; exit 130' INT
trap 'stop_everything; exit 143' TERM
trap stop_everything EXIT

say "starting Redis, RabbitMQ and MariaDB (data in $DATA_DIR)"
# --watch-pid: even if this script is killed outright, the servers stop when it is gone.
bash "$SERVERS" start --dir "$DATA_DIR" --watch-pid $$

declare -A SERVER_ENV=()
while IFS= read -r line; do
    [[ $line == *=* ]] && SERVER_ENV["${line%%=*}"]="${line#*=}"
done < <(bash "$SERVERS" env --dir "$DATA_DIR")

declare -A PORTS=()
taken=""
GATEWAY_PORT="$(free_port "$GATEWAY_PORT")"
PORTS[gateway]=$GATEWAY_PORT; taken="$GATEWAY_PORT"
next=$((GATEWAY_PORT + 1))
for name in catalog search cart detection; do
    PORTS[$name]="$(free_port "$next" "$taken")"
    taken="$taken ${PORTS[$name]}"
    next=$((PORTS[$name] + 1))
done

declare -A PIDS=()
for name in "${SERVICES[@]}"; do
    project="$(project_of "$name")"
    project_dir="$REPO_ROOT/services/$project"
    dll="$project_dir/bin/$CONFIGURATION/net10.0/IceCheckout.$project.dll"
    [[ -f "$dll" ]] || die "$dll is missing: build first (drop --no-build)"
    environment=(
        "ASPNETCORE_URLS=http://127.0.0.1:${PORTS[$name]}"
        "ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}"
        "DOTNET_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}"
        "OTEL_SERVICE_NAME=$name"
    )
    for key in "${!SERVER_ENV[@]}"; do environment+=("$key=${SERVER_ENV[$key]}"); done
    for other in "${SERVICES[@]}"; do
        [[ $other == "$name" ]] || environment+=("services__${other}__http__0=http://127.0.0.1:${PORTS[$other]}")
    done
    # The project folder is the content root, as with `dotnet run`.
    (cd "$project_dir" && exec env "${environment[@]}" dotnet "$dll") </dev/null >"$LOG_DIR/$name.log" 2>&1 &
    PIDS[$name]=$!
    echo "${PIDS[$name]}" >"$RUN_DIR/$name.pid"
done

# Should this script be killed outright, a watchdog stops the services (the servers have their own).
setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; shift; kill -TERM "$@" 2>/dev/null' \
    watchdog $$ "${PIDS[@]}" </dev/null >/dev/null 2>&1 &
echo $! >"$RUN_DIR/watchdog.pid"

say "waiting for every /health to answer 200 (at most ${HEALTH_TIMEOUT}s)"
declare -A HEALTH=()
deadline=$((SECONDS + HEALTH_TIMEOUT))
while :; do
    pending=0
    for name in "${SERVICES[@]}"; do
        [[ ${HEALTH[$name]:-} == 200 ]] && continue
        [[ ${HEALTH[$name]:-} == exited ]] && continue
        if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
            # One service that cannot start does not take the others down; the table says which.
            say "$name exited during start-up; last lines of $LOG_DIR/$name.log:"
            grep -E 'Exception|error|fail' "$LOG_DIR/$name.log" | head -n 5 | cut -c1-300
            HEALTH[$name]=exited
            unset "PIDS[$name]"
            continue
        fi
        HEALTH[$name]="$(health_status "${PORTS[$name]}")"
        [[ ${HEALTH[$name]} == 200 ]] || pending=$((pending + 1))
    done
    (( pending == 0 )) && break
    if (( SECONDS >= deadline )); then
        for name in "${SERVICES[@]}"; do
            [[ ${HEALTH[$name]} == 200 || ${HEALTH[$name]} == exited ]] \
                || say "warning: $name /health answers ${HEALTH[$name]} after ${HEALTH_TIMEOUT}s; see $LOG_DIR/$name.log"
        done
        break
    fi
    sleep 0.5
done

echo
printf '  %-10s %-32s %-7s %s\n' SERVICE URL HEALTH LOG
for name in "${SERVICES[@]}"; do
    printf '  %-10s %-32s %-7s %s\n' "$name" "http://127.0.0.1:${PORTS[$name]}" "${HEALTH[$name]}" ".data/logs/$name.log"
done
printf '  %-10s %s\n' redis "${SERVER_ENV[ConnectionStrings__cache]}" rabbitmq "${SERVER_ENV[ConnectionStrings__messaging]}" \
    mariadb "${SERVER_ENV[ConnectionStrings__catalogdb]%%;User ID=*} (databases catalogdb, ordersdb)"
echo
healthy=0
for name in "${SERVICES[@]}"; do [[ ${HEALTH[$name]} == 200 ]] && healthy=$((healthy + 1)); done
(( healthy == ${#SERVICES[@]} )) || say "warning: $healthy of ${#SERVICES[@]} services are healthy; see the logs above"
say "ready in $((SECONDS - STARTED_AT))s. IceCheckout: http://127.0.0.1:$GATEWAY_PORT   (Ctrl-C stops everything)"

while :; do
    for name in "${SERVICES[@]}"; do
        if [[ -n ${PIDS[$name]:-} ]] && ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
            say "$name stopped unexpectedly; last lines of $LOG_DIR/$name.log:"
            tail -n 20 "$LOG_DIR/$name.log"
            unset "PIDS[$name]"
        fi
    done
    sleep 1 &
    wait $! || true
done
