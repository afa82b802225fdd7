package dev.mpt.vm.extmod;

import dev.mpt.vm.Io;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyBytes;
import dev.mpt.vm.PyError;
import dev.mpt.vm.PyNone;
import dev.mpt.vm.PyTuple;
import dev.mpt.vm.VM;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * btree on a BytesIO: Berkeley DB 1.85's page layout (values checked against the unix port),
 * trees of several levels with overflow pages read back, iteration ranges and flags.
 */
class BtreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private final VM vm = new VM(Path.of("."));

    static {
        Btree.module();
    }

    private static Object call(Object o, String m, Object... a) {
        return Ops.call(Ops.getattr(o, m), a);
    }

    private static PyBytes b(String s) {
        return new PyBytes(s.getBytes());
    }

    private static Btree.Db open(Object stream, long pagesize) {
        return Btree.open(stream, 0, 0, pagesize, 0);
    }

    @Test
    void aNewFileHasTheMetaPageAndARootLeafAsBerkeleyDbWritesThem() {
        Object f = Ops.call(Io.BYTES_IO);
        Btree.Db db = open(f, 512);
        db.setItem(b("a"), b("b"));
        call(db, "flush");
        byte[] v = ((PyBytes) call(f, "getvalue")).data;
        assertThat(v).hasSize(1024);
        assertThat(HEX.formatHex(Arrays.copyOf(v, 24))).isEqualTo("623105000300000000020000000000000000000020000000");
        assertThat(HEX.formatHex(Arrays.copyOfRange(v, 512, 532))).isEqualTo("0100000000000000000000000200000016" + "00f401");
        // the item: ksize 1, dsize 1, no flags, "a", "b", aligned to 12 bytes at the end of the page
        assertThat(HEX.formatHex(Arrays.copyOfRange(v, 1012, 1023))).isEqualTo("0100000001000000006162");
    }

    @Test
    void anUnchangedDatabaseWritesNothing() {
        Object f = Ops.call(Io.BYTES_IO);
        call(open(f, 0), "close");
        assertThat(((PyBytes) call(f, "getvalue")).data).isEmpty();
    }

    @Test
    void manyPairsWithOverflowPagesComeBackFromTheFile() {
        Random r = new Random(5);
        TreeMap<byte[], byte[]> want = new TreeMap<>(Arrays::compareUnsigned);
        Object f = Ops.call(Io.BYTES_IO);
        Btree.Db db = open(f, 512);
        for (int i = 0; i < 600; i++) {
            byte[] k = new byte[r.nextInt(r.nextInt(10) == 0 ? 900 : 24)];
            byte[] d = new byte[r.nextInt(r.nextInt(10) == 0 ? 3000 : 40)];
            r.nextBytes(k);
            r.nextBytes(d);
            want.put(k, d);
            db.setItem(new PyBytes(k), new PyBytes(d));
        }
        call(db, "close");
        byte[] file = ((PyBytes) call(f, "getvalue")).data;
        ByteBuffer root = ByteBuffer.wrap(file, 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(root.getInt(12) & Btree.P_TYPE).isEqualTo(Btree.P_BINTERNAL);

        Object again = Ops.call(Io.BYTES_IO, new PyBytes(file));
        Btree.Db back = open(again, 0); // the page size comes from the file
        assertThat(back.psize).isEqualTo(512);
        List<byte[]> keys = new ArrayList<>();
        Object it = Ops.iter(call(back, "items"));
        for (Object p = Ops.next(it); p != null; p = Ops.next(it)) {
            PyTuple t = (PyTuple) p;
            keys.add(((PyBytes) t.items[0]).data);
            assertThat(((PyBytes) t.items[1]).data).isEqualTo(want.get(((PyBytes) t.items[0]).data));
        }
        assertThat(keys).hasSize(want.size());
        assertThat(keys).containsExactlyElementsOf(new ArrayList<>(want.keySet()));
    }

    @Test
    void rangesFlagsAndSeqMoveOneCursor() {
        Btree.Db db = open(Ops.call(Io.BYTES_IO), 0);
        for (String k : new String[] {"foo1", "foo2", "foo3", "bar"}) {
            db.setItem(b(k), b(k.toUpperCase()));
        }
        List<String> got = new ArrayList<>();
        Object it = Ops.iter(call(db, "keys", b("f"), b("foo3"), Btree.INCL));
        for (Object k = Ops.next(it); k != null; k = Ops.next(it)) {
            got.add(new String(((PyBytes) k).data));
        }
        assertThat(got).containsExactly("foo1", "foo2", "foo3");
        got.clear();
        it = Ops.iter(call(db, "values", PyNone.NONE, b("bar"), Btree.DESC));
        for (Object k = Ops.next(it); k != null; k = Ops.next(it)) {
            got.add(new String(((PyBytes) k).data));
        }
        assertThat(got).containsExactly("FOO3", "FOO2", "FOO1");
        PyTuple t = (PyTuple) call(db, "seq", (long) Btree.R_CURSOR, b("c"));
        assertThat(((PyBytes) t.items[0]).data).isEqualTo("foo1".getBytes());
        t = (PyTuple) call(db, "seq", (long) Btree.R_NEXT);
        assertThat(((PyBytes) t.items[0]).data).isEqualTo("foo2".getBytes());
        assertThat(call(db, "seq", (long) Btree.R_CURSOR, b("zzz"))).isSameAs(PyNone.NONE);
        assertThatThrownBy(() -> call(db, "seq", b("foo1"))).isInstanceOf(PyError.class).hasMessageContaining("22");
        assertThat(Ops.contains(db, "foo2")).isTrue();
        Ops.delitem(db, b("foo2"));
        assertThat(Ops.contains(db, b("foo2"))).isFalse();
        assertThatThrownBy(() -> Ops.delitem(db, b("foo2"))).isInstanceOf(PyError.class);
    }

    @Test
    void badOptionsAndClosedDatabasesAreErrors() {
        assertThatThrownBy(() -> open(Ops.call(Io.BYTES_IO), 511)).isInstanceOf(PyError.class).hasMessageContaining("22");
        assertThatThrownBy(() -> Btree.open(Ops.call(Io.BYTES_IO), 0, 0, 0, 1)).isInstanceOf(PyError.class);
        assertThatThrownBy(() -> open(Ops.call(Io.BYTES_IO, b("not a database at all")), 0))
                .isInstanceOf(PyError.class).hasMessageContaining("22");
        Btree.Db db = open(Ops.call(Io.BYTES_IO), 0);
        call(db, "close");
        assertThatThrownBy(() -> db.getItem(b("x"))).isInstanceOf(PyError.class).hasMessageContaining("database closed");
        assertThat(call(db, "close")).isEqualTo(0L);
        assertThat(Ops.str(db)).isEqualTo("<btree 0>");
    }
}
