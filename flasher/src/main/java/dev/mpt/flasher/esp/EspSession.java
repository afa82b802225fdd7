package dev.mpt.flasher.esp;

import dev.mpt.console.Progress;
import dev.mpt.flasher.FlasherException;
import dev.mpt.flasher.ReplBootloader;
import dev.mpt.protocol.LineControl;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A conversation with an Espressif chip in its ROM loader: reset it into the loader, sync,
 * identify it, attach its flash, raise the baud rate, then write (compressed), verify by MD5,
 * read, erase, and finally reset it into its application. ROM only: no flasher stub is uploaded.
 */
public final class EspSession implements AutoCloseable {
    /** How the chip is brought into its ROM loader, named as esptool names it. */
    public enum Before {
        /** The classic DTR/RTS pulse of boards with a USB-UART bridge and two transistors. */
        DEFAULT_RESET,
        /** The sequence for chips with Espressif's own USB-JTAG-serial. */
        USB_RESET,
        /** Nothing: the chip is in its loader already (BOOT held while pressing EN, or a pty). */
        NO_RESET
    }

    /** What becomes of the chip afterwards, named as esptool names it. */
    public enum After {
        /** Pulse EN through RTS (without DTR), so the chip boots from flash. */
        HARD_RESET,
        /** Ask the ROM to run the application (where the lines cannot reset the chip). */
        SOFT_RESET,
        /** Stay in the ROM loader. */
        NO_RESET
    }

    /** Opens (and reopens) the link to the chip, at the ROM's 115200 baud, DTR and RTS released. */
    public interface Opener {
        Link open() throws LinkException;
    }

    private static final long ESP32_RTC_CALI_CFG1 = 0x3FF5F06CL;
    private static final long ESP32_EFUSE = 0x3FF5A000L;
    private static final long ESP32_APB_CTL_DATE = 0x3FF6607CL;
    private static final long ESP32_UART_CLKDIV = 0x3FF40014L;
    private static final int CHECKSUM_RETRIES = 3;

    private final Opener opener;
    private final Consumer<String> notes;
    private Link link;
    private RomLoader rom;
    private Chip chip;
    private long flashSize = -1;

    private EspSession(Opener opener, Consumer<String> notes) {
        this.opener = opener;
        this.notes = notes;
    }

    /**
     * Opens the link, brings the chip into its ROM loader and syncs with it. When the ROM does
     * not answer and MicroPython's REPL does, {@code machine.bootloader()} sends the chip there.
     *
     * @param notes told of things worth a line ("the port has no DTR/RTS …")
     * @throws FlasherException when no ROM loader answers
     */
    public static EspSession connect(Opener opener, Before before, Consumer<String> notes) {
        EspSession s = new EspSession(opener, notes);
        try {
            s.open();
            if (!s.enterLoader(before)) {
                if (s.replBootloader() && s.enterLoader(Before.NO_RESET)) {
                    return s;
                }
                throw new FlasherException("no ESP ROM loader answers on " + s.link.description()
                        + ": hold BOOT (IO0) while pressing EN/RESET, or choose --before for this board");
            }
            return s;
        } catch (LinkException e) {
            s.close();
            throw new FlasherException("cannot talk to " + (s.link == null ? "the board" : s.link.description())
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void open() throws LinkException {
        link = opener.open();
        rom = new RomLoader(link);
    }

    public Link link() {
        return link;
    }

    public RomLoader rom() {
        return rom;
    }

    private boolean enterLoader(Before before) throws LinkException {
        LineControl lines = link instanceof LineControl c ? c : null;
        for (int attempt = 0; attempt < 4; attempt++) {
            if (before != Before.NO_RESET && lines != null) {
                boolean drove = before == Before.USB_RESET ? usbReset(lines) : classicReset(lines, attempt % 2 == 0
                        ? 150 : 550);
                if (!drove && attempt == 0) {
                    notes.accept(link.description() + " cannot drive DTR/RTS (a pty?); trying the loader as it is");
                }
            }
            rom.flushInput(Duration.ofMillis(20));
            for (int i = 0; i < 5; i++) {
                if (rom.sync()) {
                    rom.flushInput(Duration.ofMillis(50));
                    return true;
                }
            }
        }
        return false;
    }

    /** esptool's classic reset: EN low, then IO0 low while EN rises, held {@code holdMs}. */
    private static boolean classicReset(LineControl c, long holdMs) throws LinkException {
        boolean ok = c.setDtr(false);
        ok &= c.setRts(true);
        sleep(100);
        c.setDtr(true);
        c.setRts(false);
        sleep(holdMs);
        c.setDtr(false);
        return ok;
    }

    private static boolean usbReset(LineControl c) throws LinkException {
        boolean ok = c.setRts(false);
        ok &= c.setDtr(false);
        sleep(100);
        c.setDtr(true);
        c.setRts(false);
        sleep(100);
        c.setRts(true);
        c.setDtr(false);
        c.setRts(true);
        sleep(100);
        c.setDtr(false);
        c.setRts(false);
        return ok;
    }

    /** When MicroPython's REPL answers: machine.bootloader(), then the link is opened again. */
    private boolean replBootloader() throws LinkException {
        link.write(new byte[] {'\r', 3, 3});
        String seen = readText(Duration.ofMillis(500), ">>>");
        if (!seen.contains(">>>")) {
            return false;
        }
        String version = ReplBootloader.enter(link, RawRepl.Timeouts.defaults());
        notes.accept("board runs MicroPython " + version + "; sent it into its ROM loader with machine.bootloader()");
        link.close();
        sleep(500);
        open();
        return true;
    }

    /** Reads what arrives as text until {@code marker} appears or the time is up. */
    private String readText(Duration max, String marker) throws LinkException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + max.toNanos();
        byte[] buf = new byte[1024];
        while (System.nanoTime() < deadline) {
            try {
                int n = link.read(buf, 0, buf.length, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                    break;
                }
            } catch (LinkTimeoutException e) {
                break;
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Identifies the chip by its chip-detect register.
     *
     * @param expected the family named with --chip, if any
     */
    public Chip detect(Optional<Chip> expected) {
        long magic = rom.readReg(Chip.DETECT_REGISTER);
        Chip found = Chip.byMagic(magic).orElseThrow(() -> new FlasherException(String.format(
                "unknown chip (chip-detect value 0x%08x); mpt knows %s", magic,
                Chip.TABLE.stream().map(Chip::name).toList())));
        if (expected.isPresent() && expected.get() != found) {
            throw new FlasherException("--chip " + expected.get().name() + " was given but the board is an "
                    + found.name());
        }
        chip = found;
        rom.statusBytes(found.statusBytes());
        return found;
    }

    public Chip chip() {
        return chip;
    }

    /** Model, revision, features, crystal and MAC; decoded for the ESP32. */
    public ChipDescription describe() {
        if (chip != Chip.ESP32) {
            return new ChipDescription(chip, chip.name(), "", List.of(), 0, "");
        }
        long[] w = new long[6];
        for (int i = 0; i < w.length; i++) {
            w[i] = rom.readReg(ESP32_EFUSE + 4L * i);
        }
        int pkg = (int) (((w[3] >> 9) & 7) | (((w[3] >> 2) & 1) << 3));
        int bits = (int) ((w[3] >> 15) & 1 | ((w[5] >> 20) & 1) << 1 | ((rom.readReg(ESP32_APB_CTL_DATE) >> 31) & 1) << 2);
        int major = switch (bits) {
            case 1 -> 1;
            case 3 -> 2;
            case 7 -> 3;
            default -> 0;
        };
        int minor = (int) ((w[5] >> 24) & 3);
        String model = switch (pkg) {
            case 0 -> "ESP32-D0WDQ6";
            case 1 -> "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 4 -> "ESP32-U4WDH";
            case 5 -> major == 3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "ESP32 (unknown package " + pkg + ")";
        };
        if (major == 3 && (pkg == 0 || pkg == 1)) {
            model += "-V3";
        }
        List<String> features = new ArrayList<>(List.of("Wi-Fi"));
        if (((w[3] >> 1) & 1) == 0) {
            features.add("BT");
        }
        features.add((w[3] & 1) != 0 ? "Single Core" : "Dual Core");
        if (((w[3] >> 13) & 1) != 0) {
            features.add(((w[3] >> 12) & 1) != 0 ? "160MHz" : "240MHz");
        }
        int baud = link instanceof LineControl c ? c.baud() : RomLoader.ROM_BAUD;
        long clkdiv = rom.readReg(ESP32_UART_CLKDIV) & 0xFFFFF;
        int xtal = baud * (double) clkdiv / 1e6 > 33 ? 40 : 26;
        String mac = String.format("%02x:%02x:%02x:%02x:%02x:%02x", (w[2] >> 8) & 0xff, w[2] & 0xff,
                (w[1] >> 24) & 0xff, (w[1] >> 16) & 0xff, (w[1] >> 8) & 0xff, w[1] & 0xff);
        return new ChipDescription(chip, model, "v" + major + "." + minor, features, xtal, mac);
    }

    /** Routes the flash pins, reads the flash id, and tells the ROM the flash size (detected, else 4 MiB). */
    public FlashId attachFlash() {
        rom.spiAttach(0);
        FlashId id = FlashId.of(rom.spiFlashCommand(chip.spi(), 0x9F, 24));
        if (id.absent()) {
            throw new FlasherException("the SPI flash does not answer (id " + id + "): the module may use other "
                    + "flash pins, or its flash is damaged");
        }
        flashSize = id.size().orElseGet(() -> {
            notes.accept("flash size not recognised from its id (" + id + "); assuming 4MB");
            return 4L << 20;
        });
        rom.spiSetParams(flashSize);
        return id;
    }

    /** The flash size detected by {@link #attachFlash}. */
    public long flashSize() {
        return flashSize;
    }

    /**
     * Raises the baud rate. When the chip does not answer at the new rate, goes back to the
     * ROM's rate (the ROM follows any SYNC) and carries on there.
     *
     * @return the rate in use afterwards
     */
    public int raiseBaud(int baud) {
        if (!(link instanceof LineControl c) || baud == c.baud()) {
            return link instanceof LineControl c2 ? c2.baud() : RomLoader.ROM_BAUD;
        }
        int old = c.baud();
        long romBaud = baud;
        if (chip == Chip.ESP32) {
            // The ESP32 ROM programs its divider from its own estimate of the crystal; compensate as esptool does.
            long cali = (rom.readReg(ESP32_RTC_CALI_CFG1) >> 7) & 0x1FFFFFF;
            long ck8m = rom.readReg(ESP32_EFUSE + 16) & 0xff;
            double romFreq = cali * 15625.0 * ck8m / 40;
            if (romFreq > 0) {
                double valid = romFreq > 33e6 ? 40e6 : 26e6;
                romBaud = (long) (baud * romFreq / valid);
            }
        }
        rom.changeBaudrate(romBaud);
        try {
            c.setBaud(baud);
            sleep(50);
            rom.flushInput(Duration.ofMillis(10));
            rom.command(RomOp.READ_REG, RomLoader.words(Chip.DETECT_REGISTER), Duration.ofMillis(500), "");
            return baud;
        } catch (FlasherException | LinkException e) {
            notes.accept("the chip does not answer at " + baud + " baud; carrying on at " + old);
        }
        try {
            c.setBaud(old);
            sleep(50);
            for (int i = 0; i < 10; i++) {
                rom.flushInput(Duration.ofMillis(10));
                if (rom.sync()) {
                    rom.flushInput(Duration.ofMillis(50));
                    return old;
                }
            }
        } catch (LinkException e) {
            throw new FlasherException("lost " + link.description() + " while changing the baud rate: "
                    + e.getMessage(), e);
        }
        throw new FlasherException("the chip answers neither at " + baud + " nor at " + old
                + " baud after CHANGE_BAUDRATE; reset it into its ROM loader and try a lower --baud");
    }

    /**
     * What a write did.
     *
     * @param sent       bytes sent in data blocks (compressed, where compression helps)
     * @param compressed whether FLASH_DEFL_* carried it
     * @param md5        the digest the ROM computed over the written region, equal to the image's
     */
    public record Written(long offset, long bytes, long sent, boolean compressed, String md5) {}

    /**
     * Writes the data at {@code offset}: the ROM erases the region, takes compressed blocks
     * (plain ones when compression would not shrink the data), and the MD5 of the written flash
     * is compared with the data's.
     */
    public Written write(long offset, byte[] image, Progress progress) {
        if (offset % 4096 != 0) {
            throw new FlasherException(String.format("offset 0x%x is not a multiple of the 4 KiB flash sector", offset));
        }
        byte[] data = image.length % 4 == 0 ? image : padded(image);
        if (flashSize > 0 && offset + data.length > flashSize) {
            throw new FlasherException(String.format("%d bytes at 0x%x do not fit the %d MiB flash", data.length,
                    offset, flashSize >> 20));
        }
        byte[] packed = deflate(data);
        boolean deflate = packed.length < data.length;
        byte[] sent = deflate ? packed : data;
        int blocks = (sent.length + RomLoader.FLASH_BLOCK - 1) / RomLoader.FLASH_BLOCK;
        long eraseSize = deflate ? (long) ((data.length + RomLoader.FLASH_BLOCK - 1) / RomLoader.FLASH_BLOCK)
                * RomLoader.FLASH_BLOCK : data.length;
        rom.flashBegin(deflate, eraseSize, blocks, RomLoader.FLASH_BLOCK, offset, chip.beginEncryptFlag());
        int[] inflatedEnds = deflate ? inflatedEnds(packed, blocks) : null;
        progress.begin("write", data.length);
        long done = 0;
        for (int seq = 0; seq < blocks; seq++) {
            int from = seq * RomLoader.FLASH_BLOCK;
            byte[] block = Arrays.copyOfRange(sent, from, Math.min(sent.length, from + RomLoader.FLASH_BLOCK));
            if (!deflate && block.length < RomLoader.FLASH_BLOCK) {
                block = Arrays.copyOf(block, RomLoader.FLASH_BLOCK);
                Arrays.fill(block, sent.length - from, block.length, (byte) 0xFF);
            }
            long start = deflate ? (seq == 0 ? 0 : inflatedEnds[seq - 1]) : from;
            long end = deflate ? inflatedEnds[seq] : Math.min(data.length, from + RomLoader.FLASH_BLOCK);
            String context = String.format("block %d of %d (flash 0x%x..0x%x)", seq, blocks, offset + start,
                    offset + end);
            for (int attempt = 1; ; attempt++) {
                try {
                    rom.flashData(deflate, seq, block, (int) Math.max(end - start, RomLoader.FLASH_BLOCK), context);
                    break;
                } catch (RomException e) {
                    if (e.code() != 0x07 || attempt == CHECKSUM_RETRIES) {
                        throw attempt > 1 ? new RomException(e.op(), e.code(), context + " after " + attempt
                                + " attempts") : e;
                    }
                }
            }
            progress.advance(end - done);
            done = end;
        }
        progress.end();
        String expected = md5Hex(data);
        String actual = rom.flashMd5(offset, data.length);
        if (!expected.equals(actual)) {
            throw new FlasherException(String.format("verify failed: the MD5 of flash 0x%x..0x%x is %s, the image's "
                    + "is %s; the flash holds other data than was sent (a fault the ROM's 8-bit check missed) — "
                    + "flash again", offset, offset + data.length, actual, expected));
        }
        return new Written(offset, data.length, sent.length, deflate, actual);
    }

    /** The MD5 the ROM computes over a region, to compare with a file. */
    public String md5(long offset, long length) {
        return rom.flashMd5(offset, length);
    }

    /** Reads flash 64 bytes a command (the ROM's READ_FLASH_SLOW). */
    public byte[] read(long offset, long length, Progress progress) {
        checkRange(offset, length);
        byte[] out = new byte[(int) length];
        progress.begin("read", length);
        for (int pos = 0; pos < length; pos += 64) {
            int n = (int) Math.min(64, length - pos);
            System.arraycopy(rom.readFlashSlow(offset + pos, n), 0, out, pos, n);
            progress.advance(n);
        }
        progress.end();
        return out;
    }

    /**
     * Erases a region (the whole chip with offset 0 and the flash size) the ROM's way: a
     * FLASH_BEGIN with no data blocks, which erases before it answers.
     */
    public void erase(long offset, long length) {
        if (offset % 4096 != 0 || length % 4096 != 0) {
            throw new FlasherException(String.format("erase 0x%x+0x%x: offset and length must be multiples of the "
                    + "4 KiB sector", offset, length));
        }
        checkRange(offset, length);
        rom.flashBegin(false, length, 0, RomLoader.FLASH_BLOCK, offset, chip.beginEncryptFlag());
    }

    private void checkRange(long offset, long length) {
        if (length <= 0 || flashSize > 0 && offset + length > flashSize) {
            throw new FlasherException(String.format("range 0x%x+0x%x is outside the %d MiB flash", offset, length,
                    flashSize >> 20));
        }
    }

    /**
     * Leaves the loader as {@code after} says and, unless it stays, waits up to {@code wait}
     * for MicroPython's banner.
     *
     * @return the banner's first line ("MicroPython v1.28.0 on …"), empty when none came
     */
    public Optional<String> leave(After after, Duration wait) {
        try {
            LineControl c = link instanceof LineControl lc ? lc : null;
            if (after == After.NO_RESET) {
                return Optional.empty();
            }
            boolean reset = false;
            if (after == After.HARD_RESET && c != null) {
                reset = c.setDtr(false) & c.setRts(true);
                if (reset && c.baud() != RomLoader.ROM_BAUD) {
                    c.setBaud(RomLoader.ROM_BAUD); // while EN is low: the boot messages come at the ROM's rate
                }
                sleep(100);
                c.setRts(false);
                if (!reset) {
                    notes.accept(link.description() + " cannot drive RTS to reset the chip; asking the ROM to run "
                            + "the application instead");
                }
            }
            if (!reset) {
                rom.flashBegin(false, 0, 0, RomLoader.FLASH_BLOCK, 0, chip.beginEncryptFlag());
                rom.flashEnd(false, true);
            }
            String text = new String(rom.takeBuffered(), StandardCharsets.ISO_8859_1) + readText(reset || c == null || c.baud() == RomLoader.ROM_BAUD ? wait
                    : wait.dividedBy(4), ">>> ");
            if (!text.contains(">>>") && !reset && c != null && c.baud() != RomLoader.ROM_BAUD) {
                c.setBaud(RomLoader.ROM_BAUD); // the application may have set the UART back to 115200
                text += readText(wait.multipliedBy(3).dividedBy(4), ">>> ");
            }
            int at = text.indexOf("MicroPython ");
            if (at < 0 || !text.contains(">>>")) {
                return Optional.empty();
            }
            int eol = text.indexOf('\n', at);
            return Optional.of(text.substring(at, eol < 0 ? text.length() : eol).strip());
        } catch (LinkException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /** How many inflated bytes the stream has produced once each block has been fed in. */
    private static int[] inflatedEnds(byte[] packed, int blocks) {
        int[] ends = new int[blocks];
        Inflater inf = new Inflater();
        byte[] sink = new byte[65536];
        int total = 0;
        try {
            for (int seq = 0; seq < blocks; seq++) {
                int from = seq * RomLoader.FLASH_BLOCK;
                inf.setInput(packed, from, Math.min(packed.length, from + RomLoader.FLASH_BLOCK) - from);
                int n;
                while ((n = inf.inflate(sink)) > 0) {
                    total += n;
                }
                ends[seq] = total;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inf.end();
        }
        return ends;
    }

    private static byte[] padded(byte[] image) {
        byte[] p = Arrays.copyOf(image, (image.length + 3) / 4 * 4);
        Arrays.fill(p, image.length, p.length, (byte) 0xFF);
        return p;
    }

    public static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
