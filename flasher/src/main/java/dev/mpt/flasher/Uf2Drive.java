package dev.mpt.flasher;

import dev.mpt.console.Progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A UF2 bootloader's USB drive (RPI-RP2, RP2350, a SAMD or nRF52 board's …BOOT): a FAT
 * volume with {@code INFO_UF2.TXT} at its root. Copying a .uf2 file onto it flashes the
 * board, which then restarts by itself.
 *
 * @param root where the drive is mounted
 * @param info the text of INFO_UF2.TXT
 */
public record Uf2Drive(Path root, String info) {
    public static final String INFO_FILE = "INFO_UF2.TXT";

    /** "Raspberry Pi RP2" from the info's "Model:" line, else the Board-ID, else the folder name. */
    public String model() {
        String model = field("Model");
        if (model.isEmpty()) {
            model = field("Board-ID");
        }
        return model.isEmpty() ? String.valueOf(root.getFileName()) : model;
    }

    /** A "Name: value" line of INFO_UF2.TXT, or "". */
    public String field(String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    /** The drive mounted at dir; null if dir is not a UF2 bootloader drive. */
    public static Uf2Drive at(Path dir) {
        Path info = dir.resolve(INFO_FILE);
        if (!Files.isRegularFile(info)) {
            return null;
        }
        try {
            return new Uf2Drive(dir, Files.readString(info, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return null;
        }
    }

    /** The drive at the folder given, or (given null) every UF2 drive mounted now. */
    public static List<Uf2Drive> present(Path given) {
        if (given == null) {
            return find();
        }
        Uf2Drive d = at(given);
        return d == null ? List.of() : List.of(d);
    }

    /** The UF2 drives mounted now. */
    public static List<Uf2Drive> find() {
        List<Uf2Drive> out = new ArrayList<>();
        for (Path dir : mountPoints()) {
            Uf2Drive d = at(dir);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Where removable drives are mounted: on Linux every mount point of /proc/self/mounts
     * (udisks puts them under /media/USER or /run/media/USER, by hand anywhere); on macOS the
     * folders of /Volumes; on Windows the drive roots.
     */
    static List<Path> mountPoints() {
        Set<Path> dirs = new LinkedHashSet<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            for (java.io.File root : java.io.File.listRoots()) {
                dirs.add(root.toPath());
            }
        } else if (os.contains("mac")) {
            addChildren(dirs, Path.of("/Volumes"));
        } else {
            try {
                dirs.addAll(parseMounts(Files.readString(Path.of("/proc/self/mounts"))));
            } catch (IOException e) {
                // no /proc: look where desktops mount drives
            }
            String user = System.getProperty("user.name", "");
            addChildren(dirs, Path.of("/media", user));
            addChildren(dirs, Path.of("/run/media", user));
        }
        return new ArrayList<>(dirs);
    }

    /**
     * The mount points of a mounts table (fstab format: device, mount point with spaces as
     * \040, type, …) whose type a UF2 drive can have (vfat, msdos, fuseblk, exfat).
     */
    static List<Path> parseMounts(String table) {
        List<Path> out = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 3 || !Set.of("vfat", "msdos", "fuseblk", "exfat", "fat").contains(f[2])) {
                continue;
            }
            out.add(Path.of(unescape(f[1])));
        }
        return out;
    }

    private static String unescape(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void addChildren(Set<Path> dirs, Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (var children = Files.list(parent)) {
            children.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            // unreadable: nothing mounted there for us
        }
    }

    /**
     * Refuses an image the drive's bootloader would ignore: the RP2040 and RP2350 boot ROMs
     * silently skip blocks of another family, so the copy "works" and nothing is flashed.
     *
     * @throws FlasherException naming the image's families and the drive's chip
     */
    public void checkFamily(Uf2File file, String fileName) {
        String id = field("Board-ID").toUpperCase(Locale.ROOT) + " " + field("Model").toUpperCase(Locale.ROOT);
        boolean rp2350 = id.contains("RP2350");
        boolean rp2040 = !rp2350 && (id.contains("RPI-RP2") || id.contains("RP2040"));
        if (!rp2350 && !rp2040) {
            return;
        }
        for (Uf2File.Part p : file.parts()) {
            long f = p.family();
            if (f == Uf2File.NO_FAMILY || f == 0xe48bff57L
                    || (rp2040 && f == 0xe48bff56L) || (rp2350 && f >= 0xe48bff58L && f <= 0xe48bff5bL)) {
                return;
            }
        }
        throw new FlasherException(fileName + " is for " + file.familiesText() + "; the drive " + root + " is an "
                + (rp2350 ? "RP2350" : "RP2040") + "'s, whose bootloader would ignore it (use --force to copy anyway)");
    }

    /**
     * Writes the .uf2 file onto the drive, each chunk through to the device so the progress
     * shows the real transfer. The bootloader flashes as the blocks arrive and restarts the
     * board after the last one, so the drive may vanish while the file is being closed: once
     * every byte is written and flushed that is success.
     *
     * @throws FlasherException if the copy fails before the last byte reached the drive
     */
    public void copy(String fileName, byte[] uf2, Progress progress) {
        Path target = root.resolve(fileName);
        boolean written = false;
        progress.begin("copy", uf2.length);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DSYNC)) {
            for (int at = 0; at < uf2.length; at += CHUNK) {
                ByteBuffer buf = ByteBuffer.wrap(uf2, at, Math.min(CHUNK, uf2.length - at));
                int n = buf.remaining();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                progress.advance(n);
            }
            ch.force(true);
            written = true;
        } catch (IOException e) {
            if (!written) {
                throw new FlasherException("copying " + fileName + " to " + root + " failed: " + e.getMessage()
                        + "; the board stays in its bootloader: copy again");
            }
        } finally {
            progress.end();
        }
    }

    /** Bytes written (and synced) at a time: 64 UF2 blocks. */
    private static final int CHUNK = 64 * Uf2File.BLOCK;
}
