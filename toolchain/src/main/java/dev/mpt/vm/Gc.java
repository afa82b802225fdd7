package dev.mpt.vm;

/** gc: collect, enable/disable, mem_free/mem_alloc and the threshold, over this VM's heap (MicroPython's modgc). */
final class Gc {
    private Gc() {}

    static PyModule module(VM vm) {
        PyModule m = new PyModule("gc");
        m.fn("collect", (a, kw) -> {
            vm.runCollectHooks(vm.heap.collect());
            return 0L;
        });
        boolean[] enabled = {true};
        m.fn("enable", (a, kw) -> {
            enabled[0] = true;
            return PyNone.NONE;
        });
        m.fn("disable", (a, kw) -> {
            enabled[0] = false;
            return PyNone.NONE;
        });
        m.fn("isenabled", (a, kw) -> enabled[0]);
        m.fn("mem_free", (a, kw) -> vm.heap.free());
        m.fn("mem_alloc", (a, kw) -> vm.heap.current());
        // Bytes allocated between collections, kept in 16-byte blocks as MicroPython does; -1: none.
        long[] threshold = {-1};
        m.fn("threshold", (a, kw) -> {
            if (a.length == 0) {
                return threshold[0];
            }
            long n = Ops.toLong(a[0]);
            threshold[0] = n < 0 ? -1 : n / 16 * 16;
            return PyNone.NONE;
        });
        return m;
    }
}
