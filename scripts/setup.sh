#!/usr/bin/env bash
# Installs what Cortex needs and is missing, idempotently, then builds it in Release.
# Sourced by ./cortex and ./test; safe to run on its own. Each step checks first and does nothing
# when the need is already met, so repeated runs cost a few milliseconds.
set -euo pipefail

CORTEX_ROOT="${CORTEX_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CORTEX_STATE="$CORTEX_ROOT/.cortex"
# The host is published ReadyToRun (precompiled) so a run starts without JIT-compiling the CLI,
# Parquet and plotting libraries first.
CORTEX_HOST_DIR="$CORTEX_STATE/bin"
CORTEX_HOST_DLL="$CORTEX_HOST_DIR/cortex.dll"

cortex_log() { printf '[cortex setup] %s\n' "$*" >&2; }

cortex_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    cortex_log "the .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian"
    exit 1
  fi
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  if [ "${major:-0}" -lt 10 ]; then
    cortex_log "the .NET 10 SDK is required, found $(dotnet --version 2>/dev/null || echo none)"
    exit 1
  fi
}

# Runs apt-get, waiting while another apt or dpkg process (often a boot-time job on a fresh machine) holds the
# package manager's locks: up to CORTEX_APT_LOCK_TIMEOUT seconds (default 600), retrying every
# CORTEX_APT_LOCK_POLL seconds (default 5), with a message. Other failures are returned at once, with apt's output.
cortex_apt() {
  local timeout="${CORTEX_APT_LOCK_TIMEOUT:-600}" poll="${CORTEX_APT_LOCK_POLL:-5}"
  local sudo="" waited=0 output status
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  while true; do
    status=0
    output=$(DEBIAN_FRONTEND=noninteractive $sudo apt-get -o "DPkg::Lock::Timeout=$poll" "$@" 2>&1) || status=$?
    [ $status -eq 0 ] && return 0
    if ! grep -q -E 'Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock (the )?(directory|administration directory)' <<<"$output"; then
      printf '%s\n' "$output" >&2
      return $status
    fi
    if [ "$waited" -ge "$timeout" ]; then
      cortex_log "another package manager process still holds the apt/dpkg lock after ${timeout} s; try again when it has finished (or raise CORTEX_APT_LOCK_TIMEOUT)"
      return $status
    fi
    [ "$waited" -eq 0 ] && cortex_log "another apt or dpkg process holds the package manager lock; waiting for it (up to ${timeout} s)"
    sleep "$poll"
    waited=$((waited + poll))
  done
}

# apt packages are installed only when a command that needs them is missing.
cortex_apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  cortex_log "installing ${missing[*]} (apt)"
  cortex_apt update -qq && cortex_apt install -y -qq "${missing[@]}"
}

# Open MPI for distributed runs (mpirun -n R cortex run …, cortex run --ranks R); Cortex binds libmpi.so.40 itself.
cortex_install_mpi() {
  cortex_apt_install openmpi-bin libopenmpi-dev
}

cortex_under_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }

# Installs a test prerequisite with the given command. Outside CI a failure is a message (the tests that need it skip
# and say why); under CI it ends the test run as failed, since there a missing install step is a broken build.
cortex_test_prerequisite() {
  local what="$1"; shift
  "$@" && return 0
  if cortex_under_ci; then
    cortex_log "CI: $what could not be installed; failing instead of skipping the tests that need it"
    echo "0 passed, 1 failed"
    exit 1
  fi
  cortex_log "$what could not be installed: the tests that need it will be skipped"
}

# True when any source file is newer than the last successful build.
cortex_build_is_stale() {
  local stamp="$CORTEX_STATE/build.stamp"
  [ -f "$stamp" ] && [ -f "$CORTEX_HOST_DLL" ] || return 0
  [ -n "$(find "$CORTEX_ROOT/Kernel" "$CORTEX_ROOT/Modules" "$CORTEX_ROOT/Plugins" "$CORTEX_ROOT/Viewer" \
          "$CORTEX_ROOT/Hardware" "$CORTEX_ROOT/BrainRegions" "$CORTEX_ROOT/Cognition" "$CORTEX_ROOT/examples" \
          "$CORTEX_ROOT/Directory.Build.props" "$CORTEX_ROOT/Directory.Packages.props" \
          \( -name bin -o -name obj \) -prune -o -newer "$stamp" -type f -print -quit 2>/dev/null)" ]
}

cortex_build_host() {
  cortex_require_dotnet
  if cortex_build_is_stale; then
    cortex_log "building Release (first run restores NuGet packages and precompiles; later runs rebuild only what changed)"
    mkdir -p "$CORTEX_STATE"
    dotnet publish "$CORTEX_ROOT/Plugins/Cortex.Host/Cortex.Host.csproj" -c Release -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -o "$CORTEX_HOST_DIR" -v quiet -nologo >"$CORTEX_STATE/build.log" 2>&1 \
      || { cat "$CORTEX_STATE/build.log" >&2; cortex_log "build failed (log: $CORTEX_STATE/build.log)"; exit 1; }
    touch "$CORTEX_STATE/build.stamp"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cortex_build_host
  cortex_log "ready: $CORTEX_HOST_DLL"
fi
