package dev.mpt.flasher.esp;

import dev.mpt.flasher.FlasherException;
import dev.mpt.protocol.Link;
import dev.mpt.protocol.LinkClosedException;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.LinkTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The command layer of Espressif's serial ROM loader: one SLIP frame out, the matching answer
 * back, every wait bounded. A command packet is direction 0, the op code, the data length, a
 * checksum (of the data, for the *_DATA commands) and the data; an answer is direction 1, the
 * same op code, a length, a 32-bit value and the data followed by the status bytes.
 */
public final class RomLoader {
    /** The ROM's rate after reset; it also learns the rate of any SYNC it receives. */
    public static final int ROM_BAUD = 115200;
    /** The block size the ROM takes for FLASH_DATA and FLASH_DEFL_DATA, as esptool uses it without its stub. */
    public static final int FLASH_BLOCK = 0x400;
    /** An ordinary command's answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** One SYNC attempt's answer. */
    static final Duration SYNC_TIMEOUT = Duration.ofMillis(100);
    static final int CHECKSUM_SEED = 0xEF;
    static final byte[] SYNC_DATA = syncData();

    /** An answer: its value field and its data without the status bytes. */
    public record Answer(long value, byte[] data) {}

    private final Link link;
    private final Slip.Reader reader;
    private int statusBytes = 4;

    public RomLoader(Link link) {
        this.link = link;
        this.reader = new Slip.Reader(link);
    }

    public Link link() {
        return link;
    }

    /** How many status bytes end an answer (4 on the ESP32 and later, 2 on the ESP8266). */
    public void statusBytes(int n) {
        statusBytes = n;
    }

    /**
     * Sends a command and returns its answer.
     *
     * @param context what the command is about, for messages: "at 0x1000", "block 5 at 0x2400"
     * @throws RomException when the ROM answers with an error status
     * @throws FlasherException when no (whole, undamaged) answer arrives in time
     */
    public Answer command(RomOp op, byte[] data, Duration timeout, String context) {
        try {
            send(op, data);
            return answer(op, timeout, context);
        } catch (Slip.GarbledFrameException e) {
            throw new FlasherException("the answer to " + op + where(context) + " arrived damaged (invalid SLIP "
                    + "escape): a noisy line or a wrong baud rate; try a lower --baud or another cable", e);
        } catch (LinkTimeoutException e) {
            throw new FlasherException("the chip stopped answering: no answer to " + op + where(context) + " within "
                    + Slip.seconds(timeout) + "; reset the board into its ROM loader and try again", e);
        } catch (LinkException e) {
            throw new FlasherException("lost the connection to " + link.description() + " during " + op
                    + where(context) + ": " + e.getMessage(), e);
        }
    }

    private static String where(String context) {
        return context.isEmpty() ? "" : " " + context;
    }

    void send(RomOp op, byte[] data) throws LinkException {
        ByteBuffer p = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        p.put((byte) 0).put((byte) op.code()).putShort((short) data.length);
        p.putInt(op.checksummed() ? checksum(data, 16, data.length - 16) : 0);
        p.put(data);
        link.write(Slip.encode(p.array()));
    }

    private Answer answer(RomOp op, Duration timeout, String context) throws LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LinkTimeoutException("no answer");
            }
            byte[] f = reader.next(Duration.ofNanos(left));
            if (f.length < 8 || f[0] != 1 || (f[1] & 0xff) != op.code()) {
                continue; // another command's late answer (the ROM answers SYNC eight times), or noise
            }
            ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
            long value = b.getInt(4) & 0xFFFF_FFFFL;
            byte[] body = Arrays.copyOfRange(f, 8, f.length);
            int n = body.length >= statusBytes ? statusBytes : Math.min(body.length, 2);
            if (n < 2) {
                continue;
            }
            int status = body[body.length - n] & 0xff;
            int error = body[body.length - n + 1] & 0xff;
            if (status != 0) {
                throw new RomException(op, error, context);
            }
            return new Answer(value, Arrays.copyOf(body, body.length - n));
        }
    }

    /**
     * One SYNC attempt: sends the sync pattern and waits briefly for an answer.
     *
     * @return whether the ROM answered
     */
    public boolean sync() throws LinkException {
        send(RomOp.SYNC, SYNC_DATA);
        try {
            answer(RomOp.SYNC, SYNC_TIMEOUT, "");
            return true;
        } catch (LinkTimeoutException | Slip.GarbledFrameException | RomException e) {
            return false;
        }
    }

    /** The bytes received after the last answer and not yet read (the start of boot messages). */
    public byte[] takeBuffered() {
        return reader.takeBuffered();
    }

    /** Forgets whatever was received and not yet read (boot messages, surplus SYNC answers). */
    public void flushInput(Duration quiet) throws LinkException {
        reader.clear();
        byte[] junk = new byte[4096];
        try {
            while (true) {
                link.read(junk, 0, junk.length, quiet);
            }
        } catch (LinkTimeoutException e) {
            // quiet now
        } catch (LinkClosedException e) {
            throw e;
        }
    }

    public long readReg(long address) {
        return command(RomOp.READ_REG, words(address), DEFAULT_TIMEOUT, String.format("of 0x%08x", address)).value();
    }

    public void writeReg(long address, long value) {
        command(RomOp.WRITE_REG, words(address, value, 0xFFFF_FFFFL, 0), DEFAULT_TIMEOUT,
                String.format("to 0x%08x", address));
    }

    /** Routes the SPI flash pins (0: the default pins). Needed before any flash command. */
    public void spiAttach(long config) {
        command(RomOp.SPI_ATTACH, words(config, 0), DEFAULT_TIMEOUT, "");
    }

    /** Tells the ROM the flash geometry; its total size bounds later flash accesses. */
    public void spiSetParams(long totalSize) {
        command(RomOp.SPI_SET_PARAMS, words(0, totalSize, 64 * 1024, 4096, 256, 0xFFFF), DEFAULT_TIMEOUT,
                String.format("(flash size %d bytes)", totalSize));
    }

    /** Asks the ROM to change its rate; the answer comes at the old rate. */
    public void changeBaudrate(long romBaud) {
        command(RomOp.CHANGE_BAUDRATE, words(romBaud, 0), DEFAULT_TIMEOUT, "to " + romBaud);
    }

    /**
     * Starts a write: the ROM erases the whole region before it answers.
     *
     * @param eraseSize bytes to erase (and write) from {@code offset}
     */
    public void flashBegin(boolean deflate, long eraseSize, int blocks, int blockSize, long offset,
            boolean encryptFlag) {
        byte[] params = encryptFlag ? words(eraseSize, blocks, blockSize, offset, 0)
                : words(eraseSize, blocks, blockSize, offset);
        command(deflate ? RomOp.FLASH_DEFL_BEGIN : RomOp.FLASH_BEGIN, params, eraseTimeout(eraseSize),
                String.format("at 0x%x (erasing %d bytes)", offset, eraseSize));
    }

    /** Sends one block; the ROM writes it (inflating it first for deflate) before it answers. */
    public void flashData(boolean deflate, int seq, byte[] block, int inflatedSize, String context) {
        ByteBuffer p = ByteBuffer.allocate(16 + block.length).order(ByteOrder.LITTLE_ENDIAN);
        p.putInt(block.length).putInt(seq).putInt(0).putInt(0).put(block);
        command(deflate ? RomOp.FLASH_DEFL_DATA : RomOp.FLASH_DATA, p.array(), writeTimeout(inflatedSize), context);
    }

    /**
     * Ends a write. {@code runApp} true leaves the loader and starts the application in flash;
     * false reboots into the ROM loader.
     */
    public void flashEnd(boolean deflate, boolean runApp) {
        command(deflate ? RomOp.FLASH_DEFL_END : RomOp.FLASH_END, words(runApp ? 1 : 0), DEFAULT_TIMEOUT, "");
    }

    /** The MD5 digest the ROM computes over a flash region, as 32 hex digits. */
    public String flashMd5(long offset, long size) {
        Answer a = command(RomOp.SPI_FLASH_MD5, words(offset, size, 0, 0), timeoutPerMiB(8, size),
                String.format("of 0x%x..0x%x", offset, offset + size));
        if (a.data().length == 32) {
            return new String(a.data(), StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        }
        if (a.data().length == 16) {
            return java.util.HexFormat.of().formatHex(a.data());
        }
        throw new FlasherException("SPI_FLASH_MD5 answered " + a.data().length + " bytes instead of a digest");
    }

    /** Reads up to 64 bytes of flash. */
    public byte[] readFlashSlow(long offset, int length) {
        Answer a = command(RomOp.READ_FLASH_SLOW, words(offset, length), DEFAULT_TIMEOUT,
                String.format("at 0x%x", offset));
        if (a.data().length < length) {
            throw new FlasherException(String.format("READ_FLASH_SLOW at 0x%x answered %d bytes, expected %d",
                    offset, a.data().length, length));
        }
        return Arrays.copyOf(a.data(), length);
    }

    /**
     * Runs one SPI flash command through the SPI1 user-command registers (as the ROM has no
     * command of its own for it) and returns up to 32 bits the flash sent back.
     */
    public long spiFlashCommand(Chip.SpiRegisters spi, int command, int readBits) {
        long base = spi.base();
        long oldUsr = readReg(base + spi.usr());
        long oldUsr2 = readReg(base + spi.usr2());
        long flags = 1L << 31; // USR_COMMAND
        if (readBits > 0) {
            flags |= 1L << 28; // USR_MISO
        }
        if (spi.mosiDlen() >= 0) {
            if (readBits > 0) {
                writeReg(base + spi.misoDlen(), readBits - 1);
            }
        } else {
            writeReg(base + spi.usr1(), (long) (readBits > 0 ? readBits - 1 : 0) << 8);
        }
        writeReg(base + spi.usr(), flags);
        writeReg(base + spi.usr2(), (7L << 28) | command);
        writeReg(base + spi.w0(), 0);
        writeReg(base, 1L << 18); // SPI_CMD_USR: go
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while ((readReg(base) & (1L << 18)) != 0) {
            if (System.nanoTime() > deadline) {
                throw new FlasherException(String.format("SPI flash command 0x%02x did not complete", command));
            }
        }
        long value = readReg(base + spi.w0());
        writeReg(base + spi.usr(), oldUsr);
        writeReg(base + spi.usr2(), oldUsr2);
        return readBits >= 32 ? value : value & ((1L << readBits) - 1);
    }

    /** esptool's allowance for erasing: 30 s per MiB, at least the default. */
    static Duration eraseTimeout(long size) {
        return timeoutPerMiB(30, size);
    }

    /** Writing (and inflating) a block: 40 s per MiB of flash written, at least the default. */
    static Duration writeTimeout(long size) {
        return timeoutPerMiB(40, size);
    }

    static Duration timeoutPerMiB(double secondsPerMiB, long size) {
        long ms = (long) (secondsPerMiB * 1000 * size / (1024.0 * 1024.0));
        return ms < DEFAULT_TIMEOUT.toMillis() ? DEFAULT_TIMEOUT : Duration.ofMillis(ms);
    }

    /** The 8-bit XOR checksum the ROM checks data blocks with, in a 32-bit field. */
    static int checksum(byte[] data, int off, int len) {
        int c = CHECKSUM_SEED;
        for (int i = off; i < off + len; i++) {
            c ^= data[i] & 0xff;
        }
        return c;
    }

    static byte[] words(long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    private static byte[] syncData() {
        byte[] d = new byte[36];
        d[0] = 0x07;
        d[1] = 0x07;
        d[2] = 0x12;
        d[3] = 0x20;
        Arrays.fill(d, 4, 36, (byte) 0x55);
        return d;
    }
}
