#!/usr/bin/env bash
# What the surrogate-gradient training commands need beyond .NET, installed only when missing:
#  - libstdc++ with GLIBCXX_3.4.32 (TorchSharp 0.107's native library is built against it; Debian 12
#    ships 3.4.30). It comes from Debian trixie through a private apt source list, so trixie never
#    enters the machine's own sources and no other package is upgraded from it.
#  - the datasets: Fashion-MNIST (dataset-fashion-mnist), sklearn's 8x8 digits (python3-sklearn) and networkx's
#    graphs (python3-networkx).
# Sourced after scripts/setup.sh; safe to run on its own.
set -euo pipefail

CORTEX_ROOT="${CORTEX_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
if ! declare -F cortex_log >/dev/null; then
  # shellcheck source=scripts/setup.sh
  source "$CORTEX_ROOT/scripts/setup.sh"
fi

cortex_libstdcxx_path() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libstdc++.so.6; do
    [ -e "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

cortex_has_glibcxx_3_4_32() {
  local lib
  lib=$(cortex_libstdcxx_path) || return 1
  grep -q -a 'GLIBCXX_3\.4\.32' "$lib"
}

cortex_install_libstdcxx_from_trixie() {
  cortex_has_glibcxx_3_4_32 && return 0
  local apt_dir="$CORTEX_ROOT/.cortex/apt-trixie"
  mkdir -p "$apt_dir/lists/partial"
  printf 'deb http://deb.debian.org/debian trixie main\n' >"$apt_dir/sources.list"
  local options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
                 -o "Dir::State::Lists=$apt_dir/lists" -o "APT::Default-Release=trixie")
  cortex_log "libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp's native library): installing libstdc++6 from Debian trixie"
  cortex_apt "${options[@]}" update -qq && cortex_apt "${options[@]}" install -y -qq -t trixie libstdc++6
  cortex_has_glibcxx_3_4_32 || { cortex_log "libstdc++6 from trixie did not provide GLIBCXX_3.4.32"; return 1; }
}

cortex_install_datasets() {
  cortex_apt_install dataset-fashion-mnist python3-sklearn
  cortex_install_networkx
}

# networkx's graphs (karate club, southern women) for SpikingGCN's node classification: the Debian package, only when
# python3 cannot import networkx already (a pip-installed networkx serves as well).
cortex_install_networkx() {
  python3 -c 'import networkx' >/dev/null 2>&1 || cortex_apt_install python3-networkx
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cortex_install_libstdcxx_from_trixie
  cortex_install_datasets
  cortex_log "torch prerequisites ready"
fi
