#!/usr/bin/env bash
# Packs what a Linux machine with an NVIDIA GPU and a PyTorch install, but no .NET and no network, needs to run
# 'cortex train --device cuda': the .NET runtime, the published host without libtorch's CPU build (PyTorch's libtorch
# replaces it), Fashion-MNIST, and optionally TorchSharp's native sources (TORCHSHARP_SRC=a TorchSharp checkout) so
# that LibTorchSharp can be rebuilt there if the prebuilt one does not link against that PyTorch's libtorch.
# Usage: tools/gpu/pack.sh [OUT_DIR]   (default .gpu, which git ignores); then run tools/gpu/train.sh there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/.gpu}"
mkdir -p "$out"
publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT

dotnet publish "$root/Plugins/Cortex.Host/Cortex.Host.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=false -o "$publish" -v quiet -nologo
# libtorch's CPU build (460 MB) stays behind: the GPU machine's PyTorch provides libtorch, libtorch_cpu and libc10.
rm -f "$publish"/libtorch*.so "$publish"/libc10.so "$publish"/libgomp-*.so.1 "$publish"/libshm.so \
  "$publish"/lib{jitbackend_test,backend_with_compiler,aoti_custom_ops,nnapi_backend,torchbind_test}.so \
  "$publish"/*.pdb "$publish"/*.xml
tar -C "$publish" -cf - . | xz -T0 -9 >"$out/cortex.tar.xz"

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime="$(sed -n 's/.*"version": "\([0-9.]*\)".*/\1/p' "$publish/cortex.runtimeconfig.json" | head -1)"
runtime_dir="$(ls -d "$dotnet_root/shared/Microsoft.NETCore.App/${runtime%.*}."* | sort -V | tail -1)"
# The runtime without what a training run never loads (debugger and tracing support, the alternative GCs, VB), to fit
# the 64 MiB that a remote GPU machine here accepts together with the data.
tar -C "$dotnet_root" -cf - --exclude='libmscordaccore.so' --exclude='libmscordbi.so' --exclude='libclrgc*.so' \
  --exclude='libcoreclrtraceptprovider.so' --exclude='createdump' --exclude='Microsoft.VisualBasic*.dll' \
  dotnet host/fxr "shared/Microsoft.NETCore.App/$(basename "$runtime_dir")" | xz -T0 -9 >"$out/dotnet.tar.xz"

mkdir -p "$out/fashion-mnist"
for f in /usr/share/datasets/fashion-mnist/*.gz; do
  name="$(basename "$f" .gz)"
  [ -s "$out/fashion-mnist/$name.xz" ] || zcat "$f" | xz -T0 -9 >"$out/fashion-mnist/$name.xz"
done

if [ -n "${TORCHSHARP_SRC:-}" ]; then
  tar -C "$TORCHSHARP_SRC/src" -cf - Native/LibTorchSharp Native/Stdafx.h Native/UnixSal.h | xz -9 >"$out/libtorchsharp-src.tar.xz"
fi
cp "$root/tools/gpu/LibTorchSharp.cmake" "$out/CMakeLists.txt"
du -sh "$out"/* | sed 's/^/packed: /'
