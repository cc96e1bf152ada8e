#!/usr/bin/env bash
# Runs 'cortex train' on a GPU machine from the bundle tools/gpu/pack.sh made: unpacks the .NET runtime, the host and
# Fashion-MNIST (once), puts the local PyTorch's libtorch on the library path and checks that the prebuilt
# LibTorchSharp links against it; if it does not, rebuilds LibTorchSharp there from the packed sources. Then
# 'cortex train' runs with the arguments given, e.g.:
#   tools/gpu/train.sh examples/learning/fashion_t8.json --device cuda --out out/fashion_t8_gpu
# Environment: GPU_BUNDLE (default .gpu), GPU_WORK (default /tmp/cortex-gpu), TORCH_LIB (default: PyTorch's lib folder).
set -euo pipefail
bundle="${GPU_BUNDLE:-.gpu}"
work="${GPU_WORK:-/tmp/cortex-gpu}"
log() { printf 'gpu: %s\n' "$*" >&2; }

if [ ! -x "$work/dotnet/dotnet" ] || [ ! -f "$work/app/cortex.dll" ]; then
  for f in dotnet.tar.xz cortex.tar.xz; do
    [ -f "$bundle/$f" ] || { log "error: $bundle/$f is missing (run tools/gpu/pack.sh first, and bring its folder here)"; exit 2; }
  done
  mkdir -p "$work/dotnet" "$work/app"
  xz -dc "$bundle/dotnet.tar.xz" | tar -C "$work/dotnet" -xf -
  xz -dc "$bundle/cortex.tar.xz" | tar -C "$work/app" -xf -
fi
data=/usr/share/datasets/fashion-mnist
if [ -d "$bundle/fashion-mnist" ] && [ ! -s "$data/train-images-idx3-ubyte" ]; then
  mkdir -p "$data"
  for f in "$bundle"/fashion-mnist/*.xz; do xz -dc "$f" >"$data/$(basename "$f" .xz)"; done
fi

torch_lib="${TORCH_LIB:-$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null || true)}"
[ -f "$torch_lib/libtorch_cpu.so" ] || { log "error: no libtorch at '$torch_lib' (install PyTorch for python3, or set TORCH_LIB to a libtorch lib folder)"; exit 2; }
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_ROOT="$work/dotnet" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Every symbol resolved now (RTLD_NOW): a LibTorchSharp built for another libtorch fails here, not mid-run.
links() { python3 -c 'import ctypes, os, sys; ctypes.CDLL(sys.argv[1], mode=os.RTLD_NOW | os.RTLD_GLOBAL)' "$1"; }
if ! links "$work/app/libLibTorchSharp.so" 2>"$work/link.err"; then
  log "the prebuilt LibTorchSharp does not link against $torch_lib: $(head -c 300 "$work/link.err")"
  [ -f "$bundle/libtorchsharp-src.tar.xz" ] || { log "no LibTorchSharp sources in $bundle (pack with TORCHSHARP_SRC set)"; exit 1; }
  src="$work/native"
  rm -rf "$src" && mkdir -p "$src"
  xz -dc "$bundle/libtorchsharp-src.tar.xz" | tar -C "$src" -xf -
  cp "$bundle/CMakeLists.txt" "$src/CMakeLists.txt"
  prefix="$(python3 -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')"
  log "building LibTorchSharp against $prefix"
  cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >"$work/native.log" 2>&1 \
    && cmake --build "$src/build" -j "$(nproc)" >>"$work/native.log" 2>&1 \
    || { tail -40 "$work/native.log" >&2; log "LibTorchSharp build failed (log: $work/native.log)"; exit 1; }
  cp "$src/build/libLibTorchSharp.so" "$work/app/libLibTorchSharp.so"
  links "$work/app/libLibTorchSharp.so"
  log "LibTorchSharp rebuilt"
fi
exec "$work/dotnet/dotnet" "$work/app/cortex.dll" train "$@"
