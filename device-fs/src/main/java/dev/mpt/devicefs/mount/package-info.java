/**
 * {@code mpt mount}: a host directory the board sees as a filesystem at {@code /remote}.
 * {@link dev.mpt.devicefs.mount.MountAgent} is the board's half (a filesystem object in
 * Python whose operations are requests on its stdout); {@link dev.mpt.devicefs.mount.MountLink}
 * sits between every reader of the board's output and the board, answers those requests from
 * a {@link dev.mpt.devicefs.mount.HostDirectory} and mounts again after a soft reset;
 * {@link dev.mpt.devicefs.mount.Mount} puts it on a connection and takes it off.
 */
package dev.mpt.devicefs.mount;
