#!/usr/bin/env bash
# Runs every test project of IceCheckout.Build.slnf against real Redis, RabbitMQ and MariaDB
# (Debian packages redis-server rabbitmq-server mariadb-server: installed when missing and run
# as root, otherwise named) and the tests of the model tools (scripts/tools-test.sh). Builds
# first, then runs the test projects side by side, each with its own servers, and ends with one
# line: "N passed, N failed, N skipped".
#
#   scripts/test.sh [--no-build] [--jobs N] [any dotnet test option, e.g. --filter Name~Checkout]
#
# The dotnet test options apply to the .NET test projects only.
# Results: TestResults/<project>/ (TRX or JUnit XML, console log); TestResults/summary.txt holds the last line.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$REPO_ROOT/TestResults"
CONFIGURATION=Release
BUILD=1
JOBS="${TEST_JOBS:-$(( $(nproc) > 2 ? $(nproc) : 2 ))}"
PROJECT_TIMEOUT="${TEST_PROJECT_TIMEOUT:-1800}"
TEST_ARGS=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --jobs) JOBS="${2:?--jobs needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) TEST_ARGS+=("$1"); shift ;;
    esac
done

cd "$REPO_ROOT"
command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK is needed" >&2; exit 1; }
bash scripts/servers.sh install || exit 1
bash scripts/tools-test.sh --install-only || exit 1

# The test fixtures keep their servers' data under the temp folder: a private one per run, so that
# whatever a crashed test host left running can be found and stopped at the end.
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/icecheckout-test-run.XXXXXX")"
# MariaDB runs as the unprivileged mysql user when the tests run as root: it must be able to pass through.
chmod 711 "$RUN_TMP"
cleanup() {
    local dir
    for dir in "$RUN_TMP"/icecheckout-tests/*/; do
        [[ -d $dir ]] && bash scripts/servers.sh stop --dir "$dir" >/dev/null 2>&1
    done
    rm -rf "$RUN_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $BUILD -eq 1 ]]; then
    echo "test.sh: building IceCheckout.Build.slnf ($CONFIGURATION)"
    dotnet build IceCheckout.Build.slnf -c "$CONFIGURATION" -nologo -v quiet || exit 1
fi

# Test projects: those of the build filter that reference the test SDK.
mapfile -t PROJECTS < <(grep -o '"[^"]*\.csproj"' IceCheckout.Build.slnf | tr -d '"' | while read -r project; do
    grep -q 'Microsoft.NET.Test.Sdk' "$project" && echo "$project"
done)
[[ ${#PROJECTS[@]} -gt 0 ]] || { echo "test.sh: no test projects in IceCheckout.Build.slnf" >&2; exit 1; }
PROJECTS+=(tools/tests)

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

project_name() { [[ $1 == tools/tests ]] && echo tools || basename "$1" .csproj; }

run_project() {
    local project="$1" name out rc
    name="$(project_name "$project")"
    out="$RESULTS/$name"
    mkdir -p "$out"
    if [[ $project == tools/tests ]]; then
        TMPDIR="$RUN_TMP" timeout "$PROJECT_TIMEOUT" bash scripts/tools-test.sh --junit "$out/$name.xml" >"$out/console.log" 2>&1
        rc=$?
        echo "$rc" >"$out/exit-code"
        echo "test.sh: $name finished (exit code $rc)"
        return
    fi
    TMPDIR="$RUN_TMP" timeout "$PROJECT_TIMEOUT" dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$out" \
        "${TEST_ARGS[@]}" >"$out/console.log" 2>&1
    rc=$?
    echo "$rc" >"$out/exit-code"
    echo "test.sh: $name finished (exit code $rc)"
}

echo "test.sh: running ${#PROJECTS[@]} test projects, $JOBS at a time"
running=0
for project in "${PROJECTS[@]}"; do
    if (( running >= JOBS )); then wait -n; running=$((running - 1)); fi
    run_project "$project" &
    running=$((running + 1))
done
wait

counter() { grep -o "$1=\"[0-9]*\"" "$2" | head -n 1 | grep -o '[0-9]*' || echo 0; }

passed=0 failed=0 skipped=0
echo
for project in "${PROJECTS[@]}"; do
    name="$(project_name "$project")"
    out="$RESULTS/$name"
    rc="$(cat "$out/exit-code" 2>/dev/null || echo 1)"
    trx="$out/$name.trx"
    junit="$out/$name.xml"
    p=0 f=0 s=0
    if [[ -f $junit ]]; then
        # pytest's JUnit XML: <testsuite ... errors= failures= skipped= tests=>
        f=$(( $(counter failures "$junit") + $(counter errors "$junit") ))
        s="$(counter skipped "$junit")"
        p=$(( $(counter tests "$junit") - f - s ))
    elif [[ -f $trx ]]; then
        p="$(counter passed "$trx")"
        f=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
        s="$(counter notExecuted "$trx")"
    fi
    note=""
    if [[ $rc -ne 0 && $f -eq 0 ]]; then
        # The run failed without a failing test (crash, hang, timeout): count the project as one failure.
        f=1; note=" (the test run itself failed with exit code $rc)"
    fi
    printf '  %-40s %4d passed, %d failed, %d skipped%s\n' "$name" "$p" "$f" "$s" "$note"
    if [[ $f -gt 0 ]]; then
        # Each failed test with the first lines of its message.
        awk '/^(FAILED|ERROR) /{print; next} /^ +Failed [^ ]+( \[|\()/{print; n=0; next} /^ +Error Message:/{n=3; next} n>0{print "    " $0; n--} /Test Run Aborted/{print}' \
            "$out/console.log" | head -n 40 | cut -c1-240 | sed 's/^/    /'
        echo "      full log: ${out#"$REPO_ROOT"/}/console.log"
    fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

summary="$passed passed, $failed failed, $skipped skipped"
echo "$summary" >"$RESULTS/summary.txt"
echo
echo "$summary"
[[ $failed -eq 0 && $passed -gt 0 ]]
