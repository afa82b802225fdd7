/**
 * {@code mpt mip install}: packages from a micropython-lib index (the v2 layout,
 * {@code package/MPY/NAME/VERSION.json} and {@code file/HH/HASH}), from {@code github:} and
 * {@code gitlab:} repositories and from plain URLs, installed on a board as mpremote's
 * {@code mip} does — except that everything is downloaded and its hashes checked
 * ({@link dev.mpt.devicefs.mip.MipResolver}) before the first byte goes to the board
 * ({@link dev.mpt.devicefs.mip.MipInstall}), so a bad package leaves the board unchanged.
 */
package dev.mpt.devicefs.mip;
