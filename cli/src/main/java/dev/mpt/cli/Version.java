package dev.mpt.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code mpt --version}: our version and the formats we target. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "mpt " + (v == null ? "dev" : v),
            "targets MicroPython v1.28.0, .mpy v6.3",
        };
    }
}
