package dev.mpt.vm.extmod;

import dev.mpt.vm.Numeric;
import dev.mpt.vm.Ops;
import dev.mpt.vm.PyList;
import dev.mpt.vm.PyModule;
import dev.mpt.vm.PyNone;
import java.util.List;

/** heapq: a binary min-heap over a list, as MicroPython's modheapq. */
final class Heapq {
    private Heapq() {}

    static PyModule heapq() {
        PyModule m = new PyModule("heapq");
        m.fn("heappush", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            h.add(a[1]);
            siftDown(h, 0, h.size() - 1);
            return PyNone.NONE;
        });
        m.fn("heappop", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            if (h.isEmpty()) {
                throw Ops.indexError("empty heap");
            }
            Object last = h.remove(h.size() - 1);
            if (h.isEmpty()) {
                return last;
            }
            Object r = h.get(0);
            h.set(0, last);
            siftUp(h, 0);
            return r;
        });
        m.fn("heapify", (a, kw) -> {
            List<Object> h = ((PyList) a[0]).items;
            for (int i = h.size() / 2 - 1; i >= 0; i--) {
                siftUp(h, i);
            }
            return PyNone.NONE;
        });
        return m;
    }

    private static void siftDown(List<Object> h, int start, int pos) {
        Object item = h.get(pos);
        while (pos > start) {
            int parent = (pos - 1) >> 1;
            Object p = h.get(parent);
            if (Numeric.less(item, p)) {
                h.set(pos, p);
                pos = parent;
                continue;
            }
            break;
        }
        h.set(pos, item);
    }

    private static void siftUp(List<Object> h, int pos) {
        int end = h.size();
        int start = pos;
        Object item = h.get(pos);
        int child = 2 * pos + 1;
        while (child < end) {
            int right = child + 1;
            if (right < end && !Numeric.less(h.get(child), h.get(right))) {
                child = right;
            }
            h.set(pos, h.get(child));
            pos = child;
            child = 2 * pos + 1;
        }
        h.set(pos, item);
        siftDown(h, start, pos);
    }
}
