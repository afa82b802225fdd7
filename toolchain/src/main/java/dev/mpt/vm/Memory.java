package dev.mpt.vm;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One VM's address space, as far as programs can see addresses: objects placed at made-up
 * addresses (uctypes.addressof, struct's 'P' and 'S' formats), memory read and written at
 * them (uctypes structs, bytes_at, bytearray_at), and objects packed by number (struct's 'O').
 * Each VM has its own; two VMs never see each other's objects.
 */
public final class Memory {
    /** The memory of the VM running on this thread (a throwaway one outside VM code). */
    public static Memory current() {
        VM vm = Heap.currentVm();
        return vm != null ? vm.memory() : new Memory();
    }

    /** A buffer placed in the address space. */
    private record Region(long base, Object owner) {
        int length() {
            if (owner instanceof Image im) {
                return im.data.length;
            }
            if (owner instanceof PyByteArray ba) {
                return ba.len;
            }
            if (owner instanceof String s) {
                return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            }
            return Ops.bytesOf(owner).length;
        }
    }

    private final TreeMap<Long, Region> regions = new TreeMap<>();

    /**
     * Where the next instance or class named by id() or hashed by identity is taken to live:
     * objects get addresses in the order the program first asks for them, one GC block (32
     * bytes) each, so id(), hash() and the order of sets and dicts keyed by objects are the
     * same on every run of a program (MicroPython's follow its allocator; the JVM's identity
     * hashes differ run to run). Apart from the function images (see {@link #functionAddress}),
     * which ask for their words' ids while they are being laid out.
     */
    private long nextInstance = 0x7f5000000000L;

    synchronized long nextObjectAddress() {
        long a = nextInstance;
        nextInstance += 32;
        return a;
    }
    private final Map<Object, Long> addresses = new IdentityHashMap<>();
    private long nextBase = 0x7f0000100000L;

    public synchronized long addressOf(Object o) {
        if (o instanceof PyInstance pi && pi.base != null) {
            o = pi.base;
        }
        if (o instanceof Slots.Buffer b && b.bufferWindow() != null) {
            return addressOf(b.bufferOwner()) + b.bufferWindow()[0];
        }
        if (o instanceof ArrayType.MemoryView mv) {
            int size = mv.target instanceof ArrayType.PyArray a ? ArrayType.itemSize(a.code) : 1;
            return addressOf(mv.target) + (long) mv.start * size;
        }
        if (!(o instanceof PyByteArray || o instanceof PyBytes || o instanceof String
                || o instanceof ArrayType.PyArray)) {
            throw Ops.typeError("object with buffer protocol required");
        }
        Long a = addresses.get(o);
        if (a != null) {
            return a;
        }
        long base = nextBase;
        int len = o instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1
                : Ops.bytesOf(o).length;
        nextBase += (len + 64L) & ~15L;
        place(o, base);
        return base;
    }

    /** Gives o the address of the byte at offset in owner (a constant whose bytes are in a mapped file). */
    public synchronized void alias(Object o, Object owner, long offset) {
        addresses.put(o, addressOf(owner) + offset);
    }

    /** Writes the {@code n} low bytes of {@code v} at addr, little-endian (where nothing is placed: nothing). */
    public void write(long addr, int n, long v) {
        Region r = regionAt(addr);
        if (r == null) {
            return;
        }
        int i = (int) (addr - r.base);
        if (r.owner instanceof ArrayType.PyArray a) {
            ArrayType.writeBytes(a, i, n, v);
            return;
        }
        for (int k = 0; k < n; k++) {
            poke(addr + k, (int) (v >>> (8 * k)) & 0xff);
        }
    }

    private void place(Object o, long base) {
        addresses.put(o, base);
        regions.put(base, new Region(base, o));
    }

    private synchronized Region regionAt(long addr) {
        Map.Entry<Long, Region> e = regions.floorEntry(addr);
        if (e == null) {
            return null;
        }
        Region r = e.getValue();
        if (r.owner instanceof Image im && im.of.get() == null) {
            return null;
        }
        return addr < r.base + Math.max(1, r.length()) ? r : null;
    }

    public int peek(long addr) {
        Region r = regionAt(addr);
        if (r == null) {
            return 0;
        }
        int i = (int) (addr - r.base);
        if (r.owner instanceof Image im) {
            return im.data[i] & 0xff;
        }
        if (r.owner instanceof PyByteArray ba) {
            return i < ba.len ? ba.data[i] & 0xff : 0;
        }
        if (r.owner instanceof PyBytes b) {
            return i < b.data.length ? b.data[i] & 0xff : 0;
        }
        if (r.owner instanceof String s) {
            byte[] d = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return i < d.length ? d[i] & 0xff : 0;
        }
        if (r.owner instanceof ArrayType.PyArray a) {
            return ArrayType.byteAt(a, i);
        }
        byte[] d = Ops.bytesOf(r.owner);
        return i < d.length ? d[i] & 0xff : 0;
    }

    public void poke(long addr, int v) {
        Region r = regionAt(addr);
        if (r == null) {
            return;
        }
        int i = (int) (addr - r.base);
        if (r.owner instanceof PyByteArray ba && i < ba.len) {
            ba.data[i] = (byte) v;
        } else if (r.owner instanceof PyBytes b && i < b.data.length) {
            b.data[i] = (byte) v;
        }
    }

    public byte[] read(long addr, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) peek(addr + i);
        }
        return out;
    }

    /** bytearray_at(addr, n): the bytearray placed there if it is exactly that, else a new one placed there. */
    public synchronized PyByteArray bytearrayAt(long addr, int n) {
        Region r = regions.get(addr);
        if (r != null && r.owner instanceof PyByteArray ba && ba.len == n) {
            return ba;
        }
        PyByteArray ba = new PyByteArray(read(addr, n));
        if (r == null && regionAt(addr) == null) {
            place(ba, addr);
        } else {
            // inside (or at) memory already placed: a copy that knows its address, and the
            // placed object's region stays whole (a region placed here would hide its bytes
            // past addr + n from later reads)
            addresses.put(ba, addr);
        }
        return ba;
    }

    /** The NUL-terminated string at addr (struct's 'S' format). */
    String cString(long addr) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long a = addr; ; a++) {
            int b = peek(a);
            if (b == 0 || out.size() > 1 << 20) {
                break;
            }
            out.write(b);
        }
        return BuiltinTypes.decodeUtf8(out.toByteArray());
    }

    // ---- objects laid out as MicroPython lays them out in its heap ------------------------------

    /**
     * The read-only bytes of an object as MicroPython has them in memory (a function object,
     * a bytecode function's bytecode), placed while the object lives.
     */
    private record Image(byte[] data, java.lang.ref.WeakReference<Object> of) {}

    private static final int WORD = 8;
    /** Where object images go: above every id() made from an identity hash (see {@link #id}). */
    private long nextObject = 0x7f1000000000L;
    /** The address of each object placed so far (weak: a placed object may still be collected). */
    private final Map<Object, Long> objects = new java.util.WeakHashMap<>();
    private int placedSincePurge;

    /**
     * id(o), as the 64-bit unix port gives it: a small int's own tagged value (2n+1), True's
     * and False's immediate values, a Python function's address in this memory, where uctypes
     * reads the words of MicroPython's function object (see {@link #functionAddress}); for
     * other objects a number made from the object's address as {@link Repr#address} gives it.
     */
    public long id(Object o) {
        if (o instanceof Boolean b) {
            return b ? 30 : 14; // MicroPython's immediate objects: (3 << 3) | 6 and (1 << 3) | 6, None being 6
        }
        if (Ops.isInt(o)) {
            return Ops.toLong(o) * 2 + 1;
        }
        if (o instanceof PyFunction f) {
            return functionAddress(f);
        }
        return Repr.address(o);
    }

    /**
     * A Python function's address. There uctypes finds MicroPython's {@code mp_obj_fun_bc_t}
     * words: its type, its context (module), its child table and its bytecode, then its extra
     * arguments (the positional defaults, then the keyword-defaults dict). The bytecode word
     * points at the function's real bytecode, which begins with its prelude (the encoded
     * signature: state size, scope flags, argument counts). A closure is
     * {@code mp_obj_closure_t}: its type, the function object (which follows it), the number
     * of closed-over cells and the cells. Words holding objects hold their id(); the child
     * table holds the addresses of the children's bytecode (MicroPython's points at their raw
     * code records). A viper function has no bytecode: that word is 0. The address stays the
     * same while the function lives.
     */
    synchronized long functionAddress(PyFunction f) {
        Long a = objects.get(f);
        if (a != null) {
            return a;
        }
        PyFunction.CodeUnit code = f.code;
        PyType funType = code == null ? Types.FUN_VIPER : f.isGenerator() ? Types.GENFUNCTION : Types.FUNCTION;
        int extra = f.defaults.length + (f.kwDefaults != null ? 1 : 0);
        int closure = closureWords(f);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(WORD * (closure + 4 + extra))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long child = code == null ? 0 : childTable(code);
        long bytecode = code == null ? 0 : bytecodeAddress(code);
        long base = nextObject;
        if (closure > 0) {
            b.putLong(id(Types.CLOSURE)).putLong(base + (long) WORD * closure).putLong(f.closed.length);
            for (Object cell : f.closed) {
                b.putLong(id(cell));
            }
            b.position(WORD * closure);
        }
        b.putLong(id(funType)).putLong(id(f.ctx));
        b.putLong(child).putLong(bytecode);
        for (Object d : f.defaults) {
            b.putLong(id(d));
        }
        if (f.kwDefaults != null) {
            b.putLong(id(f.kwDefaults));
        }
        return placeImage(f, b.array());
    }

    /** The address of a function object itself: a closure's wrapped function (which follows it), else id(f). */
    synchronized long wrappedFunctionAddress(PyFunction f) {
        return functionAddress(f) + (long) WORD * closureWords(f);
    }

    /** A closure's words before the function it wraps: 3 and the cells, to a 16-byte heap block (0: no closure). */
    private static int closureWords(PyFunction f) {
        return f.closed.length > 0 ? (3 + f.closed.length + 1) & ~1 : 0;
    }

    /** Where a code unit's bytecode (prelude first) is. */
    private long bytecodeAddress(PyFunction.CodeUnit code) {
        Long a = objects.get(code);
        return a != null ? a : placeImage(code, code.bc);
    }

    /** A code unit's child table: one word per child, its bytecode's address (0: no table). */
    private long childTable(PyFunction.CodeUnit code) {
        if (code.children.length == 0) {
            return 0;
        }
        Long a = objects.get(code.children);
        if (a != null) {
            return a;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(WORD * code.children.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (PyFunction.CodeUnit c : code.children) {
            b.putLong(c == null ? 0 : bytecodeAddress(c));
        }
        return placeImage(code.children, b.array());
    }

    private long placeImage(Object o, byte[] data) {
        if (++placedSincePurge >= 1024) {
            placedSincePurge = 0;
            regions.values().removeIf(r -> r.owner instanceof Image im && im.of.get() == null);
        }
        long base = nextObject;
        nextObject += (data.length + 31L) & ~15L; // a gap after each, as heap blocks have
        objects.put(o, base);
        regions.put(base, new Region(base, new Image(data, new java.lang.ref.WeakReference<>(o))));
        return base;
    }

    /** Objects packed with 'O', by the number written in their place. */
    private final Map<Long, Object> packed = new java.util.HashMap<>();
    private final Map<Object, Long> packedIds = new IdentityHashMap<>();

    synchronized long objectId(Object o) {
        return packedIds.computeIfAbsent(o, x -> {
            long id = packed.size() + 1L;
            packed.put(id, x);
            return id;
        });
    }

    synchronized Object objectOf(long id) {
        Object o = packed.get(id);
        return o == null ? PyNone.NONE : o;
    }
}
