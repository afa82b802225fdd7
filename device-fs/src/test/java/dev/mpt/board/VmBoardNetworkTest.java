package dev.mpt.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpt.protocol.ExecException;
import dev.mpt.protocol.RawRepl;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A virtual board reaches the host's network only when whoever serves it asks for that. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VmBoardNetworkTest {
    @TempDir
    Path flash;
    @RegisterExtension
    final BoardUnderTest target = new BoardUnderTest();
    private RawRepl repl;

    private RawRepl open(boolean hostNetwork) throws Exception {
        repl = target.open(VmBoard.create(flash, -1, hostNetwork));
        return repl;
    }

    @Test
    void aBoardServedWithoutTheOptionHasNoSocketModule() throws Exception {
        open(false);
        assertThatThrownBy(() -> repl.exec("import socket"))
                .isInstanceOfSatisfying(ExecException.class, e -> assertThat(e.exceptionType()).isEqualTo("ImportError"));
    }

    @Test
    void aBoardWithTheHostNetworkConnectsToALoopbackServerAlsoAfterASoftReset() throws Exception {
        open(true);
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            for (int round = 0; round < 2; round++) {
                CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                    try (Socket peer = server.accept()) {
                        String line = new String(peer.getInputStream().readNBytes(14), StandardCharsets.US_ASCII);
                        peer.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                        return line;
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
                String reply = repl.exec("import socket\n"
                        + "s = socket.socket()\n"
                        + "s.connect(socket.getaddrinfo('127.0.0.1', " + server.getLocalPort() + ")[0][-1])\n"
                        + "s.sendall(b'hello ')\n" // lwip's sockets have sendall (the unix port's do not)
                        + "s.write(b'from vm\\n')\n"
                        + "print(s.readline())\n"
                        + "s.close()").stdoutText();
                assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("hello from vm\n");
                assertThat(reply).isEqualTo("b'ok\\n'\n");
                repl.softReset();
            }
        }
    }
}
