package dev.mpt.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpt.compiler.VmCompiler;
import dev.mpt.protocol.LinkException;
import dev.mpt.protocol.RawRepl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the virtual board offers tools such as {@code mpremote mount} and {@code romfs deploy}:
 * a filesystem written in Python and mounted with {@code vfs.mount} that fetches its files
 * from the host over the serial line (binary, with Ctrl-C turned off by {@code kbd_intr}),
 * a ROMFS partition behind {@code vfs.rom_ioctl} that is mounted at /rom after a reset, and
 * a real-time clock that keeps its setting across soft resets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualBoardVfsTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final BoardUnderTest target = new BoardUnderTest();
    private RawRepl repl;

    private RawRepl open(VmEngine engine) throws Exception {
        repl = target.open(new VirtualBoard(engine));
        return repl;
    }

    /**
     * On the board: a filesystem whose open() and stat() ask the host for a file's bytes by
     * writing 0x18, the path and 0x00 to stdout, and read the answer (a 4-byte length, then the
     * bytes) from stdin, as mpremote's mount agent does.
     */
    private static final String HOST_FS = """
            import io, sys, vfs, micropython
            class HostFile(io.IOBase):
                def __init__(self, data, text):
                    self.data = data; self.pos = 0; self.text = text
                def readinto(self, buf):
                    n = min(len(buf), len(self.data) - self.pos)
                    buf[:n] = self.data[self.pos:self.pos + n]; self.pos += n
                    return n
                def read(self, n=-1):
                    d = self.data[self.pos:] if n < 0 else self.data[self.pos:self.pos + n]
                    self.pos += len(d)
                    return str(d, 'utf8') if self.text else d
                def ioctl(self, req, arg):
                    return 0
            class HostFS:
                def mount(self, readonly, mkfs): pass
                def umount(self): pass
                def ask(self, path):
                    micropython.kbd_intr(-1)
                    try:
                        sys.stdout.buffer.write(b'\\x18' + path.encode() + b'\\x00')
                        n = int.from_bytes(sys.stdin.buffer.read(4), 'little')
                        return sys.stdin.buffer.read(n) if n else None
                    finally:
                        micropython.kbd_intr(3)
                def stat(self, path):
                    d = self.ask(path)
                    if d is None:
                        raise OSError(2)
                    return (0x8000, 0, 0, 0, 0, 0, len(d), 0, 0, 0)
                def open(self, path, mode):
                    d = self.ask(path)
                    if d is None:
                        raise OSError(2)
                    return HostFile(d, 'b' not in mode)
            vfs.mount(HostFS(), '/host')
            """;

    /** Runs code on the board, answering its 0x18 requests from {@code files}; returns the rest of its output. */
    private String runServing(String code, Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        boolean[] inRequest = {false};
        repl.exec(code, Duration.ofSeconds(30), (buf, off, len) -> {
            for (int i = off; i < off + len; i++) {
                byte b = buf[i];
                if (!inRequest[0] && b == 0x18) {
                    inRequest[0] = true;
                    request.reset();
                } else if (inRequest[0] && b == 0) {
                    inRequest[0] = false;
                    byte[] data = files.get(request.toString(StandardCharsets.UTF_8));
                    int n = data == null ? 0 : data.length;
                    byte[] reply = new byte[4 + n];
                    reply[0] = (byte) n;
                    reply[1] = (byte) (n >> 8);
                    reply[2] = (byte) (n >> 16);
                    reply[3] = (byte) (n >> 24);
                    if (data != null) {
                        System.arraycopy(data, 0, reply, 4, n);
                    }
                    try {
                        repl.link().write(reply);
                    } catch (LinkException e) {
                        throw new IllegalStateException(e);
                    }
                } else if (inRequest[0]) {
                    request.write(b);
                } else {
                    text.write(b);
                }
            }
        });
        return text.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"); // the board sends \n as \r\n
    }

    @Test
    void importsAndReadsFilesFromAFilesystemTheHostServes() throws Exception {
        open(new VmEngine(Files.createDirectories(tmp.resolve("flash")), new VmCompiler()));
        byte[] blob = new byte[256];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i; // Ctrl-C, Ctrl-D and bytes past 0x7f must pass through stdin unchanged
        }
        Map<String, byte[]> files = Map.of(
                "/hostmod.py", "print('hostmod runs')\nVALUE = 6 * 7\n".getBytes(StandardCharsets.UTF_8),
                "/blob.bin", blob);
        String out = runServing(HOST_FS + """
                import sys, os
                sys.path.insert(0, '/host')
                import hostmod
                print(hostmod.VALUE, hostmod.__file__)
                print(open('/host/blob.bin', 'rb').read() == bytes(range(256)))
                print(os.stat('/host/blob.bin')[6])
                print([p for f, p in vfs.mount()])
                """, files);
        assertThat(out).isEqualTo("hostmod runs\n42 /host/hostmod.py\nTrue\n256\n['/host', '/']\n");

        // a soft reset empties the mount table, as on firmware (tools mount again)
        repl.softReset();
        assertThat(repl.exec("import vfs\nprint([p for f, p in vfs.mount()])").stdoutText()).isEqualTo("['/']\n");
    }

    @Test
    void filesOnTheBoardStayInItsFlashDirectory() throws Exception {
        Path flash = Files.createDirectories(tmp.resolve("flash"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        Files.createSymbolicLink(flash.resolve("escape"), outside);
        open(new VmEngine(flash, new VmCompiler()));
        String out = repl.exec("""
                import os
                for p in ('/escape/secret.txt', '../outside/secret.txt', '/../outside/secret.txt'):
                    try:
                        print(open(p).read())
                    except OSError as e:
                        print('OSError', e.errno)
                try:
                    os.listdir('/escape')
                except OSError as e:
                    print('OSError', e.errno)
                os.chdir('/..')
                print(os.getcwd(), os.listdir() == os.listdir('/'))
                """).stdoutText();
        assertThat(out).isEqualTo("OSError 2\nOSError 2\nOSError 2\nOSError 2\n/ True\n");
    }

    /** A ROMFS image: lib/rommod.py holding {@code NAME = 'in rom'}. */
    private static byte[] romImage() {
        byte[] file = named(5, "rommod.py", record(2, "NAME = 'in rom'\n".getBytes(StandardCharsets.UTF_8)));
        return record(0x14a6b1, named(4, "lib", file));
    }

    private static byte[] named(int kind, String name, byte[] inner) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(uint(n.length));
        p.writeBytes(n);
        p.writeBytes(inner);
        return record(kind, p.toByteArray());
    }

    private static byte[] record(int kind, byte[] payload) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(uint(kind));
        r.writeBytes(uint(payload.length));
        r.writeBytes(payload);
        return r.toByteArray();
    }

    private static byte[] uint(int v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int shift = 28;
        while (shift > 0 && (v >>> shift) == 0) {
            shift -= 7;
        }
        for (; shift > 0; shift -= 7) {
            b.write(0x80 | ((v >>> shift) & 0x7f));
        }
        b.write(v & 0x7f);
        return b.toByteArray();
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    @Test
    void romfsWrittenThroughRomIoctlIsMountedAtRomAfterAReset() throws Exception {
        Path romFile = tmp.resolve("board.romfs");
        VmEngine engine = new VmEngine(Files.createDirectories(tmp.resolve("flash")), new VmCompiler());
        engine.attachRomPartition(romFile, 8192);
        open(engine);
        byte[] image = romImage();
        assertThat(repl.exec("""
                import vfs
                print(vfs.rom_ioctl(1), len(vfs.rom_ioctl(2, 0)), bytes(vfs.rom_ioctl(2, 0)[:3]))
                print(vfs.rom_ioctl(3, 0, 100000), vfs.rom_ioctl(2, 1))
                print(vfs.rom_ioctl(3, 0, %d))
                print(vfs.rom_ioctl(4, 0, 0, bytes.fromhex('%s')), vfs.rom_ioctl(5, 0))
                """.formatted(image.length, hex(image))).stdoutText())
                .isEqualTo("1 8192 b'\\xff\\xff\\xff'\n-22 -22\n16\n0 0\n");
        assertThat(Files.readAllBytes(romFile)).startsWith(image).hasSize(8192);

        repl.softReset();
        assertThat(repl.exec("""
                import sys, vfs, os
                print(sys.path)
                print([(type(f).__name__, p) for f, p in vfs.mount()])
                print(os.listdir('/rom'), os.listdir('/rom/lib'))
                import rommod
                print(rommod.NAME)
                """).stdoutText())
                .isEqualTo("['', '.frozen', '/rom', '/rom/lib', 'lib']\n[('VfsRom', '/rom'), ('VfsPosix', '/')]\n"
                        + "['lib'] ['rommod.py']\nin rom\n");
    }

    @Test
    void aBoardWithoutAPartitionHasNoRomIoctl() throws Exception {
        open(new VmEngine(Files.createDirectories(tmp.resolve("flash")), new VmCompiler()));
        assertThat(repl.eval("hasattr(__import__('vfs'), 'rom_ioctl')")).isEqualTo("False");
    }

    @Test
    void theClockKeepsItsSettingAcrossASoftReset() throws Exception {
        open(new VmEngine(Files.createDirectories(tmp.resolve("flash")), new VmCompiler()));
        assertThat(repl.exec("""
                import machine, time
                rtc = machine.RTC()
                rtc.datetime((2030, 5, 6, 3, 7, 8, 9, 0))
                d = rtc.datetime()
                print(d[:6], machine.RTC() is rtc, time.localtime()[:3])
                """).stdoutText()).isEqualTo("(2030, 5, 6, 0, 7, 8) True (2030, 5, 6)\n");
        repl.softReset();
        assertThat(repl.exec("import machine\nprint(machine.RTC().datetime()[:3])").stdoutText())
                .isEqualTo("(2030, 5, 6)\n");
    }
}
