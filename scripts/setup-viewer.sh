#!/usr/bin/env bash
# What the 3D viewer needs beyond .NET, installed only when missing (sourced after scripts/setup.sh):
#  - Mesa's EGL and software OpenGL (llvmpipe): offscreen rendering with no display and no GPU
#    (libEGL.so.1 from libegl1, the Mesa vendor library from libegl-mesa0, llvmpipe from libgl1-mesa-dri);
#  - ffmpeg: `cortex render --video` pipes raw frames to it for H.264 encoding.

cortex_install_viewer_packages() {
  cortex_apt_install libegl1 libegl-mesa0 libgl1-mesa-dri ffmpeg
}
