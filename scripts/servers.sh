#!/usr/bin/env bash
# Real Redis, RabbitMQ and MariaDB as plain processes on free loopback ports, data in one folder.
#
#   servers.sh start [redis|rabbitmq|mariadb ...] [--dir DIR] [--watch-pid PID]
#   servers.sh run   redis|rabbitmq|mariadb [--dir DIR] [--port PORT]   one server in the foreground, its log
#                    on stdout, stopped on TERM or INT (how the AppHost runs it as an executable resource)
#   servers.sh stop  [redis|rabbitmq|mariadb ...] [--dir DIR]
#   servers.sh remove [redis|rabbitmq|mariadb ...] [--dir DIR]  stop, free the ports, delete the data
#   servers.sh env   [--dir DIR] [--export]      connection strings of the configuration contract
#   servers.sh status [--dir DIR]
#   servers.sh sql   [--dir DIR] "SQL"           runs SQL on MariaDB as the application user
#   servers.sh vhost [--dir DIR] NAME            creates a RabbitMQ virtual host open to guest
#   servers.sh rabbitmqctl [--dir DIR] -- ARGS   runs rabbitmqctl against the instance
#   servers.sh install                           installs the Debian packages (root) or says which
#
# DIR defaults to .data/ at the repository root. Ports are chosen once per DIR and kept, so a
# restart after stop reuses the same port and data. --watch-pid stops the servers when that
# process exits (tests pass their own pid so that a killed test host leaves nothing behind).
# Environment: MARIADB_PASSWORD sets the application user's password, REDIS_PASSWORD Redis's (kept in DIR otherwise).
set -euo pipefail

SCRIPT_PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
REPO_ROOT="$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd)"
ALL_SERVERS=(redis rabbitmq mariadb)
START_TIMEOUT="${SERVERS_START_TIMEOUT:-120}"
STOP_TIMEOUT="${SERVERS_STOP_TIMEOUT:-60}"
PORT_MIN=20000
PORT_RANGE=12000 # below the Linux ephemeral range (32768+), so outgoing connections never hold them
# Shared by every folder and every TMPDIR of this user, so that parallel runs never meet. Per user and 0700: in a
# world-writable /tmp, a folder or link planted by someone else is refused rather than written through.
RESERVATIONS="${SERVERS_PORT_RESERVATIONS:-/tmp/icecheckout-ports-$(id -u)}"
RABBITMQ_BIN=/usr/lib/rabbitmq/bin
# shellcheck source=apt-install.sh
source "$(dirname "$SCRIPT_PATH")/apt-install.sh"

die() { echo "servers.sh: $*" >&2; exit 1; }
log() { echo "servers.sh: $*" >&2; }

# ---------------------------------------------------------------- packages

package_for() {
    case "$1" in
        redis) echo redis-server ;;
        rabbitmq) echo rabbitmq-server ;;
        mariadb) echo mariadb-server ;;
    esac
}

commands_for() {
    case "$1" in
        redis) echo "redis-server redis-cli" ;;
        rabbitmq) echo "$RABBITMQ_BIN/rabbitmq-server $RABBITMQ_BIN/rabbitmqctl epmd" ;;
        mariadb) echo "mariadbd mariadb-install-db mariadb mariadb-admin" ;;
    esac
}

has_command() { [[ -x "$1" ]] || command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" ]]; }

ensure_installed() {
    local missing=() name cmd
    for name in "$@"; do
        for cmd in $(commands_for "$name"); do
            if ! has_command "$cmd"; then missing+=("$(package_for "$name")"); break; fi
        done
    done
    apt_install servers.sh "${missing[@]}" || exit 1
}

mariadbd_path() { command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd; }

# ---------------------------------------------------------------- processes and ports

is_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
read_file() { [[ -f "$1" ]] && cat "$1" || true; }

# The start time of a process (clock ticks since boot): with the pid, it names one process, even after pid reuse.
proc_start() { [[ -r "/proc/$1/stat" ]] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $20}' || true; }

write_pid() { echo "$2 $(proc_start "$2")" >"$1"; }

# The pid in a pid file if that process still runs; nothing for a stale file whose pid now belongs to another
# process. A file the server wrote itself holds the pid alone: then its command line must match $2.
read_pid() {
    local file="$1" pattern="${2:-}" pid start
    [[ -f "$file" ]] || return 0
    read -r pid start <"$file" || true
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    if [[ -n "$start" ]]; then
        [[ "$(proc_start "$pid")" == "$start" ]] && echo "$pid"
    elif [[ -n "$pattern" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"; then
        echo "$pid"
    fi
    return 0
}

port_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]]
    else
        port_listening "$1"
    fi
}

# A free port, reserved for DIR so that servers started in parallel from other folders never pick it.
private_dir() {
    local path="$1"
    mkdir -m 700 "$path" 2>/dev/null || true
    [[ -d "$path" && ! -L "$path" && -O "$path" ]] || die "$path is not a folder of $(id -un) (a link, or someone else's): remove it"
    chmod 700 "$path"
}

pick_port() {
    local dir="$1" port owner attempt
    private_dir "$RESERVATIONS"
    for attempt in $(seq 1 500); do
        port=$((PORT_MIN + (RANDOM * 32768 + RANDOM) % PORT_RANGE))
        port_in_use "$port" && continue
        if mkdir "$RESERVATIONS/$port" 2>/dev/null; then
            echo "$dir" >"$RESERVATIONS/$port/owner"
            echo "$port"; return 0
        fi
        owner="$(read_file "$RESERVATIONS/$port/owner")"
        if [[ -n "$owner" && ! -d "$owner" ]]; then # the folder that held it is gone: take it over
            echo "$dir" >"$RESERVATIONS/$port/owner"
            echo "$port"; return 0
        fi
    done
    die "no free port found between $PORT_MIN and $((PORT_MIN + PORT_RANGE))"
}

# The port stored under KEY in the server's folder, picked on first use.
port_of() {
    local sdir="$1" key="$2"
    if [[ ! -s "$sdir/$key" ]]; then pick_port "$sdir" >"$sdir/$key"; fi
    cat "$sdir/$key"
}

# Starts a command detached from this shell (own session, no inherited stdio); prints its pid.
spawn() {
    local logfile="$1"; shift
    setsid "$@" </dev/null >>"$logfile" 2>&1 &
    echo $!
}

# As spawn, but the command reads this shell's stdin (a configuration piped in).
spawn_with_stdin() {
    local logfile="$1"; shift
    setsid "$@" >>"$logfile" 2>&1 &
    echo $!
}

stop_pid() {
    local pid="$1" what="$2" waited=0
    is_alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while is_alive "$pid" && (( waited < STOP_TIMEOUT * 10 )); do sleep 0.1; waited=$((waited + 1)); done
    if is_alive "$pid"; then
        log "$what (pid $pid) did not stop in ${STOP_TIMEOUT}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

fail_start() {
    local name="$1" logfile="$2"; shift 2
    echo "servers.sh: $name did not start: $*" >&2
    if [[ -f "$logfile" ]]; then
        echo "---- last lines of $logfile ----" >&2
        tail -n 30 "$logfile" >&2
        echo "----" >&2
    fi
    exit 1
}

# Polls CHECK (a function name) until it succeeds, the process dies, or the time runs out.
wait_until() {
    local name="$1" pid="$2" logfile="$3" check="$4" deadline=$((SECONDS + START_TIMEOUT))
    until "$check"; do
        is_alive "$pid" || fail_start "$name" "$logfile" "the process exited"
        (( SECONDS < deadline )) || fail_start "$name" "$logfile" "no answer within ${START_TIMEOUT}s"
        sleep 0.2
    done
}

start_watchdog() {
    local sdir="$1" name="$2" watched="$3"
    [[ -n "$watched" ]] || return 0
    stop_pid "$(read_pid "$sdir/watchdog.pid")" "watchdog"
    setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec bash "$2" stop "$3" --dir "$4"' \
        watchdog "$watched" "$SCRIPT_PATH" "$name" "$DIR" </dev/null >>"$sdir/watchdog.log" 2>&1 &
    write_pid "$sdir/watchdog.pid" $!
}

stop_watchdog() {
    local sdir="$1" pid
    pid="$(read_pid "$sdir/watchdog.pid")"
    rm -f "$sdir/watchdog.pid"
    # The watchdog runs this script through exec when its process exits: never kill ourselves.
    [[ -n "$pid" && "$pid" != "$$" ]] && kill -TERM "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- redis

redis_dir() { echo "$DIR/redis"; }
redis_port() { port_of "$(redis_dir)" port; }

redis_answers() { [[ "$(REDISCLI_AUTH="$(cat "$(redis_dir)/password")" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

# A random password per folder, readable by this user only (as MariaDB's).
ensure_password() {
    if [[ ! -s "$1" ]]; then
        (umask 077; head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$1")
    fi
    chmod 600 "$1"
}

start_redis() {
    local sdir port pid
    sdir="$(redis_dir)"; mkdir -p "$sdir/data"
    port="$(redis_port)"; REDIS_PORT="$port"
    if [[ -n "${REDIS_PASSWORD:-}" ]]; then
        (umask 077 && printf '%s' "$REDIS_PASSWORD" >"$sdir/password")
    fi
    ensure_password "$sdir/password"
    pid="$(read_pid "$sdir/redis.pid")"
    if is_alive "$pid" && redis_answers; then log "redis already running on 127.0.0.1:$port"; start_watchdog "$sdir" redis "$WATCH_PID"; return 0; fi
    # The password goes in through stdin, not the command line, which every user can read in /proc.
    pid="$(printf 'requirepass %s\n' "$(cat "$sdir/password")" | spawn_with_stdin "$sdir/redis.log" redis-server - --port "$port" --bind 127.0.0.1 \
        --dir "$sdir/data" --daemonize no --appendonly yes --save "" --logfile "" --protected-mode yes)"
    write_pid "$sdir/redis.pid" "$pid"
    wait_until redis "$pid" "$sdir/redis.log" redis_answers
    start_watchdog "$sdir" redis "$WATCH_PID"
    log "redis ready on 127.0.0.1:$port"
}

stop_redis() {
    local sdir; sdir="$(redis_dir)"
    [[ -d "$sdir" ]] || return 0
    stop_watchdog "$sdir"
    stop_pid "$(read_pid "$sdir/redis.pid")" redis-server
    rm -f "$sdir/redis.pid"
}

env_redis() {
    local sdir; sdir="$(redis_dir)"
    [[ -s "$sdir/port" ]] || return 0
    emit ConnectionStrings__cache "127.0.0.1:$(cat "$sdir/port"),password=$(cat "$sdir/password")"
}

# ---------------------------------------------------------------- mariadb

MARIADB_USER=icecheckout
MARIADB_DATABASES=(catalogdb ordersdb)

mariadb_dir() { echo "$DIR/mariadb"; }

mariadb_socket() {
    local sdir="$1" socket="$1/run/mariadbd.sock"
    mkdir -p "$sdir/run"; chmod 700 "$sdir/run"
    # Unix socket paths are limited to 108 bytes; a longer one goes to a fresh private folder, never a guessable /tmp name.
    if (( ${#socket} > 100 )); then
        [[ -s "$sdir/socket-dir" && -d "$(cat "$sdir/socket-dir")" && -O "$(cat "$sdir/socket-dir")" ]] || mktemp -d -t icecheckout-mariadb.XXXXXXXX >"$sdir/socket-dir"
        socket="$(cat "$sdir/socket-dir")/mariadbd.sock"
    fi
    echo "$socket"
}

mariadb_client() {
    local sdir; sdir="$(mariadb_dir)"
    MYSQL_PWD="$(cat "$sdir/password")" mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$(cat "$sdir/port")" \
        -u "$MARIADB_USER" --default-character-set=utf8mb4 "$@"
}

mariadb_answers() { mariadb_client -N -e "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='ordersdb'" 2>/dev/null | grep -q 1; }

start_mariadb() {
    local sdir port pid socket password user_args=()
    sdir="$(mariadb_dir)"; mkdir -p "$sdir"
    port="$(port_of "$sdir" port)"
    # As root, the server runs as the package's unprivileged mysql user, which owns its data.
    if [[ $(id -u) -eq 0 ]]; then
        user_args=(--user=mysql)
        su -s /bin/sh mysql -c "test -x '$sdir'" 2>/dev/null \
            || die "the mysql user cannot reach $sdir: every folder above it must be searchable by others (chmod o+x)"
    fi
    if [[ -n "${MARIADB_PASSWORD:-}" ]]; then
        (umask 077 && printf '%s' "$MARIADB_PASSWORD" >"$sdir/password")
    fi
    ensure_password "$sdir/password"
    password="$(cat "$sdir/password")"
    pid="$(read_pid "$sdir/mariadbd.pid")"
    if is_alive "$pid" && mariadb_answers; then log "mariadb already running on 127.0.0.1:$port"; start_watchdog "$sdir" mariadb "$WATCH_PID"; return 0; fi
    # Its own temp folder: the caller's TMPDIR may be one the mysql user cannot write to.
    mkdir -p "$sdir/tmp"; chmod 700 "$sdir/tmp"
    [[ $(id -u) -eq 0 ]] && chown mysql:mysql "$sdir/tmp"
    if [[ ! -d "$sdir/data/mysql" ]]; then
        rm -rf "$sdir/data"
        TMPDIR="$sdir/tmp" mariadb-install-db --no-defaults --datadir="$sdir/data" "${user_args[@]}" \
            --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve \
            >"$sdir/install.log" 2>&1 || fail_start mariadb "$sdir/install.log" "mariadb-install-db failed"
    fi
    # Runs at every start, before the server takes connections: the application user and databases.
    {
        local db
        for host in "%" localhost; do
            echo "CREATE USER IF NOT EXISTS '$MARIADB_USER'@'$host' IDENTIFIED BY '$password';"
            echo "ALTER USER '$MARIADB_USER'@'$host' IDENTIFIED BY '$password';"
            # What migrations and tests need (databases, tables, locks); no FILE, SUPER, PROCESS or GRANT OPTION.
            echo "REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$MARIADB_USER'@'$host';"
            echo "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EVENT, TRIGGER ON *.* TO '$MARIADB_USER'@'$host';"
        done
        for db in "${MARIADB_DATABASES[@]}"; do
            echo "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
        done
    } >"$sdir/init.sql"
    chmod 600 "$sdir/init.sql"
    mkdir -p "$sdir/files"; chmod 700 "$sdir/files"
    socket="$(mariadb_socket "$sdir")"
    if [[ $(id -u) -eq 0 ]]; then
        touch "$sdir/mariadb.log"
        chown -R mysql:mysql "$sdir/data" "$sdir/files" "$sdir/mariadb.log" "$sdir/init.sql" "$(dirname "$socket")"
    fi
    pid="$(TMPDIR="$sdir/tmp" spawn "$sdir/mariadb.log" "$(mariadbd_path)" --no-defaults "${user_args[@]}" \
        --datadir="$sdir/data" --tmpdir="$sdir/tmp" --port="$port" --bind-address=127.0.0.1 --socket="$socket" \
        --pid-file="$sdir/data/mariadbd.pid" --init-file="$sdir/init.sql" --skip-name-resolve --secure-file-priv="$sdir/files" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=64M --innodb-log-file-size=32M --innodb-flush-log-at-trx-commit=2 \
        --max-connections=500 --log-error="$sdir/mariadb.log")"
    write_pid "$sdir/mariadbd.pid" "$pid"
    wait_until mariadb "$pid" "$sdir/mariadb.log" mariadb_answers
    start_watchdog "$sdir" mariadb "$WATCH_PID"
    log "mariadb ready on 127.0.0.1:$port (user $MARIADB_USER, databases ${MARIADB_DATABASES[*]})"
}

stop_mariadb() {
    local sdir; sdir="$(mariadb_dir)"
    [[ -d "$sdir" ]] || return 0
    stop_watchdog "$sdir"
    stop_pid "$(read_pid "$sdir/mariadbd.pid")" mariadbd
    rm -f "$sdir/mariadbd.pid"
}

mariadb_connection_string() {
    local sdir="$1" database="${2:-}"
    local cs="Server=127.0.0.1;Port=$(cat "$sdir/port");User ID=$MARIADB_USER;Password=$(cat "$sdir/password")"
    [[ -n "$database" ]] && cs="$cs;Database=$database"
    echo "$cs"
}

env_mariadb() {
    local sdir db; sdir="$(mariadb_dir)"
    [[ -s "$sdir/port" && -s "$sdir/password" ]] || return 0
    for db in "${MARIADB_DATABASES[@]}"; do emit "ConnectionStrings__$db" "$(mariadb_connection_string "$sdir" "$db")"; done
}

# ---------------------------------------------------------------- rabbitmq

rabbitmq_dir() { echo "$DIR/rabbitmq"; }

# The environment of one RabbitMQ instance: its own node name, ports, epmd, cookie and folders.
rabbitmq_env() {
    local sdir port
    sdir="$(rabbitmq_dir)"; mkdir -p "$sdir/home" "$sdir/mnesia" "$sdir/log"
    port="$(port_of "$sdir" port)"
    export HOME="$sdir/home"
    export RABBITMQ_NODENAME="icecheckout-$port@localhost"
    export RABBITMQ_USE_LONGNAME=false
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$port"
    export RABBITMQ_DIST_PORT; RABBITMQ_DIST_PORT="$(port_of "$sdir" dist_port)"
    export ERL_EPMD_PORT; ERL_EPMD_PORT="$(port_of "$sdir" epmd_port)"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_CTL_DIST_PORT_MIN; RABBITMQ_CTL_DIST_PORT_MIN="$(port_of "$sdir" ctl_port)"
    export RABBITMQ_CTL_DIST_PORT_MAX="$RABBITMQ_CTL_DIST_PORT_MIN"
    export RABBITMQ_MNESIA_BASE="$sdir/mnesia"
    export RABBITMQ_LOG_BASE="$sdir/log"
    export RABBITMQ_PID_FILE="$sdir/beam.pid"
    export RABBITMQ_FEATURE_FLAGS_FILE="$sdir/feature_flags"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$sdir/enabled_plugins"
    export RABBITMQ_CONF_ENV_FILE="$sdir/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$sdir/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$sdir/advanced.config"
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    [[ -f "$RABBITMQ_CONF_ENV_FILE" ]] || : >"$RABBITMQ_CONF_ENV_FILE"
    [[ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ]] || echo "[]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    [[ -f "$RABBITMQ_CONFIG_FILE" ]] || printf 'log.console = false\nlog.file.level = info\n' >"$RABBITMQ_CONFIG_FILE"
    if [[ ! -s "$HOME/.erlang.cookie" ]]; then
        head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$HOME/.erlang.cookie"
        chmod 400 "$HOME/.erlang.cookie"
    fi
}

# An AMQP 0-9-1 protocol header answered by the broker's Connection.Start frame (type 1).
rabbitmq_answers() {
    local reply
    reply="$(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "AMQP\x00\x00\x09\x01" >&3 && head -c 1 <&3 | od -An -tu1' \
        probe "$RABBITMQ_NODE_PORT" 2>/dev/null)" || return 1
    [[ "${reply// /}" == 1 ]]
}

start_rabbitmq() {
    local sdir pid epmd_pid
    sdir="$(rabbitmq_dir)"
    rabbitmq_env
    pid="$(read_pid "$sdir/rabbitmq.pid")"
    if is_alive "$pid" && rabbitmq_answers; then log "rabbitmq already running on 127.0.0.1:$RABBITMQ_NODE_PORT"; start_watchdog "$sdir" rabbitmq "$WATCH_PID"; return 0; fi
    # Its own epmd on its own port, started here so that stop can end it by pid.
    epmd_pid="$(read_pid "$sdir/epmd.pid")"
    if ! is_alive "$epmd_pid"; then
        epmd_pid="$(spawn "$sdir/epmd.log" epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1)"
        write_pid "$sdir/epmd.pid" "$epmd_pid"
    fi
    pid="$(spawn "$sdir/rabbitmq.log" "$RABBITMQ_BIN/rabbitmq-server")"
    write_pid "$sdir/rabbitmq.pid" "$pid"
    wait_until rabbitmq "$pid" "$sdir/rabbitmq.log" rabbitmq_answers
    start_watchdog "$sdir" rabbitmq "$WATCH_PID"
    log "rabbitmq ready on 127.0.0.1:$RABBITMQ_NODE_PORT (node $RABBITMQ_NODENAME)"
}

stop_rabbitmq() {
    local sdir; sdir="$(rabbitmq_dir)"
    [[ -d "$sdir" ]] || return 0
    stop_watchdog "$sdir"
    # The Erlang VM stops RabbitMQ cleanly on SIGTERM; the wrapper script follows it.
    stop_pid "$(read_pid "$sdir/beam.pid" beam)" "rabbitmq (beam)"
    stop_pid "$(read_pid "$sdir/rabbitmq.pid")" rabbitmq-server
    stop_pid "$(read_pid "$sdir/epmd.pid")" epmd
    rm -f "$sdir/beam.pid" "$sdir/rabbitmq.pid" "$sdir/epmd.pid"
}

env_rabbitmq() {
    local sdir; sdir="$(rabbitmq_dir)"
    [[ -s "$sdir/port" ]] || return 0
    emit ConnectionStrings__messaging "amqp://guest:guest@127.0.0.1:$(cat "$sdir/port")"
}

rabbitmqctl_run() {
    [[ -s "$(rabbitmq_dir)/port" ]] || die "rabbitmq has never been started in $DIR"
    rabbitmq_env
    "$RABBITMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODENAME" "$@"
}

# ---------------------------------------------------------------- foreground

log_of() {
    case "$1" in
        redis) echo "$DIR/redis/redis.log" ;; rabbitmq) echo "$DIR/rabbitmq/rabbitmq.log" ;; mariadb) echo "$DIR/mariadb/mariadb.log" ;;
    esac
}

pid_of() {
    case "$1" in
        redis) read_pid "$DIR/redis/redis.pid" ;; rabbitmq) read_pid "$DIR/rabbitmq/rabbitmq.pid" ;; mariadb) read_pid "$DIR/mariadb/mariadbd.pid" ;;
    esac
}

# Starts NAME (on PORT when given), prints its log and returns when it exits or on TERM/INT, stopping it.
# The server is tied to this shell by the watchdog, so even a KILL of this shell leaves nothing running.
run_in_foreground() {
    local name="$1" sdir="$DIR/$1" follower=""
    mkdir -p "$sdir"
    if [[ -n "$PORT_OVERRIDE" ]]; then echo "$PORT_OVERRIDE" >"$sdir/port"; fi
    ensure_installed "$name"
    "stop_$name" # one server per folder: whatever an earlier run left
    trap 'trap - EXIT; [[ -n $follower ]] && kill "$follower" 2>/dev/null; "stop_$name"; exit 0' TERM INT
    trap '[[ -n $follower ]] && kill "$follower" 2>/dev/null; "stop_$name"' EXIT
    WATCH_PID=$$
    "start_$name"
    tail -n +1 -F "$(log_of "$name")" 2>/dev/null &
    follower=$!
    while is_alive "$(pid_of "$name")"; do sleep 1 & wait $! || true; done
    log "$name exited"
    exit 1
}

# ---------------------------------------------------------------- commands

EXPORT=0
emit() {
    if [[ $EXPORT -eq 1 ]]; then printf 'export %s=%q\n' "$1" "$2"; else printf '%s=%s\n' "$1" "$2"; fi
}

usage() { sed -n '2,19p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

COMMAND="${1:-}"; [[ $# -gt 0 ]] && shift
DIR="$REPO_ROOT/.data"
WATCH_PID=""
PORT_OVERRIDE=""
NAMES=()
REST=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dir) DIR="${2:?--dir needs a folder}"; shift 2 ;;
        --dir=*) DIR="${1#--dir=}"; shift ;;
        --watch-pid) WATCH_PID="${2:?--watch-pid needs a pid}"; shift 2 ;;
        --port) PORT_OVERRIDE="${2:?--port needs a number}"; shift 2 ;;
        --export) EXPORT=1; shift ;;
        --) shift; REST+=("$@"); break ;;
        -h|--help) usage ;;
        redis|rabbitmq|mariadb) if [[ $COMMAND =~ ^(start|stop|remove|run)$ ]]; then NAMES+=("$1"); else REST+=("$1"); fi; shift ;;
        *) REST+=("$1"); shift ;;
    esac
done
if [[ $COMMAND == run && ${#NAMES[@]} -ne 1 ]]; then die "run needs exactly one of: ${ALL_SERVERS[*]}"; fi
[[ ${#NAMES[@]} -eq 0 ]] && NAMES=("${ALL_SERVERS[@]}")
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

case "$COMMAND" in
    start)
        ensure_installed "${NAMES[@]}"
        for name in "${NAMES[@]}"; do "start_$name"; done ;;
    run)
        run_in_foreground "${NAMES[0]}" ;;
    stop)
        for name in "${NAMES[@]}"; do "stop_$name"; done ;;
    remove)
        for name in "${NAMES[@]}"; do
            "stop_$name"
            for key in "$DIR/$name"/*port; do
                [[ -f $key ]] || continue
                port="$(cat "$key")"
                [[ "$(read_file "$RESERVATIONS/$port/owner")" == "$DIR/$name" ]] && rm -rf "${RESERVATIONS:?}/$port"
            done
            [[ -s "$DIR/$name/socket-dir" ]] && rm -rf "$(cat "$DIR/$name/socket-dir")"
            rm -rf "${DIR:?}/$name"
        done
        rmdir "$DIR" 2>/dev/null || true ;;
    env)
        env_redis; env_rabbitmq; env_mariadb ;;
    status)
        for name in "${ALL_SERVERS[@]}"; do
            pidfile="$DIR/$name/$([[ $name == mariadb ]] && echo mariadbd || echo "$name").pid"
            if is_alive "$(read_pid "$pidfile")"; then echo "$name running (pid $(read_pid "$pidfile"), port $(read_file "$DIR/$name/port"))"
            else echo "$name stopped"; fi
        done ;;
    sql)
        [[ ${#REST[@]} -gt 0 ]] || die "sql needs a statement"
        mariadb_client -e "${REST[*]}" ;;
    vhost)
        [[ ${#REST[@]} -eq 1 ]] || die "vhost needs one name"
        rabbitmqctl_run -q add_vhost "${REST[0]}" >/dev/null
        rabbitmqctl_run -q set_permissions -p "${REST[0]}" guest ".*" ".*" ".*" >/dev/null ;;
    rabbitmqctl)
        rabbitmqctl_run "${REST[@]}" ;;
    install)
        ensure_installed "${ALL_SERVERS[@]}" ;;
    ""|-h|--help|help) usage ;;
    *) echo "servers.sh: unknown command '$COMMAND'" >&2; usage 2 ;;
esac
