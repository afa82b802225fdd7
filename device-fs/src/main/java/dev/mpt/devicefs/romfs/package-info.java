/**
 * MicroPython's read-only ROMFS (v1.28): {@link dev.mpt.devicefs.romfs.RomfsWriter} lays
 * out the image format, {@link dev.mpt.devicefs.romfs.RomfsBuild} turns a host directory
 * into an image as {@code mpremote romfs build} does, byte for byte, compiling {@code .py}
 * files with our compiler.
 */
package dev.mpt.devicefs.romfs;
