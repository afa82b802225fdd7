package dev.mpt.vm.extmod;

import dev.mpt.vm.Errno;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.Types;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Socket addresses as the unix port hands them to Python: Linux's {@code struct sockaddr_in}
 * (16 bytes: family little-endian, port big-endian, 4 address bytes, 8 zeros) and
 * {@code sockaddr_in6} (28 bytes: family, port, flow info, 16 address bytes, scope id), and
 * the textual forms of {@code inet_pton}/{@code inet_ntop}. A board's {@code (host, port)}
 * tuple is taken too.
 */
final class SocketAddress {
    private SocketAddress() {}

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** The sockaddr bytes of a Java address. */
    static byte[] encode(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        int port = a.getPort();
        if (ip instanceof Inet6Address v6) {
            byte[] b = new byte[28];
            b[0] = AF_INET6;
            b[2] = (byte) (port >> 8);
            b[3] = (byte) port;
            System.arraycopy(v6.getAddress(), 0, b, 8, 16);
            int scope = v6.getScopeId();
            b[24] = (byte) scope;
            b[25] = (byte) (scope >> 8);
            b[26] = (byte) (scope >> 16);
            b[27] = (byte) (scope >> 24);
            return b;
        }
        byte[] b = new byte[16];
        b[0] = AF_INET;
        b[2] = (byte) (port >> 8);
        b[3] = (byte) port;
        System.arraycopy(ip.getAddress(), 0, b, 4, 4);
        return b;
    }

    /** The address a Python object names: sockaddr bytes, or a (host, port[, flow, scope]) tuple. */
    static InetSocketAddress decode(Object addr, int family) {
        if (addr instanceof PyTuple t) {
            if (t.items.length < 2) {
                throw Ops.typeError("expected (host, port) tuple");
            }
            String host = Ops.str(t.items[0]);
            int port = (int) Ops.toLong(t.items[1]);
            InetAddress ip;
            try {
                ip = host.isEmpty() ? (family == AF_INET6 ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0"))
                        : resolve(host, family)[0];
            } catch (UnknownHostException e) {
                throw Ops.error(Types.OS_ERROR, "[addrinfo error -2]");
            }
            if (port < 0 || port > 65535) {
                throw Ops.error(Types.OVERFLOW_ERROR, "port must be 0-65535.");
            }
            return new InetSocketAddress(ip, port);
        }
        byte[] b = Ops.bytesOf(addr);
        if (b.length < 2) {
            throw Errno.oserror(22);
        }
        int fam = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        int port = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        try {
            if (fam == AF_INET) {
                if (b.length < 16) {
                    throw Errno.oserror(22);
                }
                return new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 4, 8)), port);
            }
            if (fam == AF_INET6) {
                if (b.length < 24) {
                    throw Errno.oserror(22);
                }
                int scope = b.length >= 28 ? (b[24] & 0xff) | (b[25] & 0xff) << 8 | (b[26] & 0xff) << 16 | (b[27] & 0xff) << 24 : 0;
                byte[] ip = java.util.Arrays.copyOfRange(b, 8, 24);
                InetAddress a = scope != 0 ? Inet6Address.getByAddress(null, ip, scope) : InetAddress.getByAddress(ip);
                return new InetSocketAddress(a, port);
            }
        } catch (UnknownHostException e) {
            throw Errno.oserror(22);
        }
        throw Errno.oserror(97);
    }

    /** The family number of an address. */
    static int family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /**
     * The addresses of a host: a numeric address as it is, a name through the host's resolver
     * (IPv4 first, as Java lists them). family 0 takes any.
     */
    static InetAddress[] resolve(String host, int family) throws UnknownHostException {
        byte[] literal = parseV4(host);
        if (literal == null && host.indexOf(':') >= 0) {
            literal = parseV6(host);
        }
        InetAddress[] all = literal != null ? new InetAddress[] {InetAddress.getByAddress(literal)}
                : InetAddress.getAllByName(host);
        java.util.List<InetAddress> out = new java.util.ArrayList<>();
        for (InetAddress a : all) {
            boolean v6 = a instanceof Inet6Address;
            if ((family == 0 || (family == AF_INET6) == v6) && !out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return out.toArray(new InetAddress[0]);
    }

    /** Whether host is a numeric address of the other family than the one asked for. */
    static boolean wrongFamily(String host, int family) {
        if (family == AF_INET) {
            return host.indexOf(':') >= 0 && parseV6(host) != null;
        }
        if (family == AF_INET6) {
            return parseV4(host) != null;
        }
        return false;
    }

    /** Dotted-quad IPv4 as inet_pton reads it (exactly four decimal parts), or null. */
    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** IPv6 text (with :: and a trailing dotted quad allowed), or null. */
    static byte[] parseV6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        byte[] out = new byte[16];
        String head = s;
        String tail = null;
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            if (s.indexOf("::", dbl + 1) >= 0) {
                return null;
            }
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
        }
        java.util.List<Integer> h = groups(head);
        java.util.List<Integer> t = tail == null ? java.util.List.of() : groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = size(h) + size(t);
        if (tail == null ? total != 16 : total > 14) {
            return null;
        }
        int pos = 0;
        pos = put(out, pos, h);
        put(out, 16 - size(t), t);
        return out;
    }

    /** Colon-separated hex groups (16 bits each, a final dotted quad as -1 marker followed by its value). */
    private static java.util.List<Integer> groups(String s) {
        java.util.List<Integer> g = new java.util.ArrayList<>();
        if (s.isEmpty()) {
            return g;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                g.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                g.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            try {
                g.add(Integer.parseInt(p, 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return g;
    }

    private static int size(java.util.List<Integer> g) {
        return g.size() * 2;
    }

    private static int put(byte[] out, int pos, java.util.List<Integer> g) {
        for (int v : g) {
            out[pos++] = (byte) (v >> 8);
            out[pos++] = (byte) v;
        }
        return pos;
    }

    /** inet_ntop's text of 4 or 16 address bytes. */
    static String format(int family, byte[] b) {
        if (family == AF_INET) {
            byte[] q = java.util.Arrays.copyOf(b, 4);
            return (q[0] & 0xff) + "." + (q[1] & 0xff) + "." + (q[2] & 0xff) + "." + (q[3] & 0xff);
        }
        if (family != AF_INET6) {
            throw Errno.oserror(97);
        }
        byte[] a = java.util.Arrays.copyOf(b, 16);
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        // an IPv4-mapped or IPv4-compatible address ends in a dotted quad
        boolean mapped = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff;
        boolean compat = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0
                && (w[6] != 0 || w[7] > 1);
        int words = mapped || compat ? 6 : 8;
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < words;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < words && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(w[i]));
            if (i < words - 1 || words == 6) {
                sb.append(':');
            }
        }
        if (words == 6) {
            sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff).append('.')
                    .append(a[15] & 0xff);
        }
        return sb.toString();
    }
}
