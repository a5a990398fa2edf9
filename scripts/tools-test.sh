#!/usr/bin/env bash
# Runs the tests of the model tools (tools/tests: data generator, training, export, evaluation)
# with the distribution's Python and its packages (installed when missing and run as root,
# otherwise named).
#
#   scripts/tools-test.sh [--install-only] [--junit FILE] [any pytest option, e.g. -k metrics]
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON=/usr/bin/python3
# shellcheck source=apt-install.sh
source "$REPO_ROOT/scripts/apt-install.sh"
# Debian package -> what shows it is there
declare -A PACKAGES=(
    [python3-pytest]="$PYTHON -c 'import pytest'"
    [python3-numpy]="$PYTHON -c 'import numpy'"
    [python3-pil]="$PYTHON -c 'import PIL'"
    [python3-yaml]="$PYTHON -c 'import yaml'"
    [python3-opencv]="$PYTHON -c 'import cv2'"
    [python3-onnx]="$PYTHON -c 'import onnx'"
    [python3-torch]="$PYTHON -c 'import torch'"
    [fonts-nanum]="test -f /usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"
)
INSTALL_ONLY=0
ARGS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --install-only) INSTALL_ONLY=1; shift ;;
        --junit) ARGS+=("--junitxml=${2:?--junit needs a file}"); shift 2 ;;
        -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done

missing=()
for package in "${!PACKAGES[@]}"; do
    [[ -x $PYTHON ]] && eval "${PACKAGES[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
apt_install tools-test.sh "${missing[@]}" || exit 1
[[ $INSTALL_ONLY -eq 1 ]] && exit 0

cd "$REPO_ROOT"
# Two threads per test process, as the test projects run side by side.
OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" exec "$PYTHON" -m pytest tools/tests -p no:cacheprovider -W ignore::UserWarning \
    -rA -v "${ARGS[@]}"
