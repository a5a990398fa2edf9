# Sourced by the scripts that need Debian packages.
#
#   apt_install CALLER PACKAGE...
# As root with apt-get: installs the packages, keeping their own system services from starting
# (only the instances the scripts start run). Otherwise names them. Fails when they are not there.
apt_install() {
    local caller=$1
    shift
    [[ $# -eq 0 ]] && return 0
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "$caller: missing packages: $*. Install them with: sudo apt-get install -y $*" >&2
        return 1
    fi
    echo "$caller: installing $*" >&2
    local policy=/usr/sbin/policy-rc.d created_policy=0 rc=0
    if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1; fi
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >&2 || rc=$?
    [[ $created_policy -eq 1 ]] && rm -f "$policy"
    [[ $rc -eq 0 ]] || echo "$caller: apt-get install $* failed" >&2
    return "$rc"
}
