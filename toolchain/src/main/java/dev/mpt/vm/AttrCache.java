package dev.mpt.vm;

/**
 * Per-instruction caches for LOAD_ATTR, STORE_ATTR and LOAD_METHOD on instances of Python
 * classes, used by the interpreter and by compiled code alike. A site (an entry of the
 * code's {@code sites} array, at the instruction's offset) remembers, for up to
 * {@link #DEPTH} instance shapes, where the answer was: the field of the instance's own
 * attribute (valid while the instance has that shape, whatever its class says, since an
 * instance's attribute comes first), or the class's value or method (valid while the
 * instance has that shape, hence lacks the attribute, its type is the same and no type's
 * dict changed: {@link PyType#EPOCH}). A miss takes the general way (Classes) and
 * remembers what it found when it is one of those cases.
 */
final class AttrCache {
    private AttrCache() {}

    /** Shapes one site remembers before it starts over. */
    private static final int DEPTH = 4;

    /**
     * LOAD_ATTR: field >= 0 an own attribute, else found in the class (type, epoch): value
     * itself ({@link #PLAIN}), a function bound to the instance ({@link #BIND}) or a
     * property's getter called on it ({@link #GETTER}, value the getter).
     */
    record Load(Shape shape, int field, PyType type, int epoch, Object value, int kind, Load next) {}

    static final int PLAIN = 0;
    static final int BIND = 1;
    static final int GETTER = 2;

    /** STORE_ATTR: a plain store into field, moving the instance from one shape to another (or the same). */
    record Store(Shape from, Shape to, int field, PyType type, int epoch, Store next) {}

    /** LOAD_METHOD: field >= 0 an own attribute (called without self), else the class's function. */
    record Method(Shape shape, int field, PyType type, int epoch, Object fn, Method next) {}

    // ---- LOAD_ATTR ----

    static Object load(Object[] sites, PyInstance pi, String name, int at) {
        if (sites[at] instanceof Load c) {
            Shape sh = pi.shape;
            do {
                if (c.shape == sh) {
                    if (c.field >= 0) {
                        return pi.slots[c.field];
                    }
                    if (c.type == pi.type() && c.epoch == PyType.EPOCH.get()) {
                        return c.kind == PLAIN ? c.value : fromClass(c, pi);
                    }
                }
            } while ((c = c.next) != null);
        }
        return loadMiss(sites, pi, name, at);
    }

    private static Object fromClass(Load c, PyInstance pi) {
        return c.kind == BIND ? new PyBoundMethod(pi, c.value) : Ops.call(c.value, pi);
    }

    private static Object loadMiss(Object[] sites, PyInstance pi, String name, int at) {
        Shape sh = pi.shape;
        if (sh != null) {
            int f = sh.fieldOf(name);
            if (f >= 0) {
                sites[at] = new Load(sh, f, null, 0, null, PLAIN, keep(sites[at], sh));
                return pi.slots[f];
            }
            int epoch = PyType.EPOCH.get();
            PyType t = pi.type();
            Object v = t.lookup(name);
            if (v != null) {
                // as Classes.instanceAttr and bind
                int kind = plainValue(v) ? PLAIN : v instanceof PyFunction ? BIND
                        : v instanceof PyProperty p && p.fget() != PyNone.NONE ? GETTER : -1;
                if (kind >= 0) {
                    Load c = new Load(sh, -1, t, epoch, kind == GETTER ? ((PyProperty) v).fget() : v, kind,
                            keep(sites[at], sh));
                    sites[at] = c;
                    return kind == PLAIN ? v : fromClass(c, pi);
                }
            }
        }
        return Ops.getattr(pi, name);
    }

    /** A class attribute that an instance's attribute load returns as it is (nothing binds or runs). */
    private static boolean plainValue(Object v) {
        return !(v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyClassMethod
                || v instanceof PyStaticMethod || v instanceof PyProperty || v instanceof PyInstance);
    }

    private static Load keep(Object site, Shape sh) {
        if (!(site instanceof Load c)) {
            return null;
        }
        Load out = null;
        int n = 0;
        int epoch = PyType.EPOCH.get();
        for (; c != null && n < DEPTH - 1; c = c.next) {
            if (c.shape != sh && (c.field >= 0 || c.epoch == epoch)) {
                out = new Load(c.shape, c.field, c.type, c.epoch, c.value, c.kind, out);
                n++;
            }
        }
        return out;
    }

    // ---- STORE_ATTR ----

    static void store(Object[] sites, PyInstance pi, String name, Object v, int at) {
        if (sites[at] instanceof Store c) {
            Shape sh = pi.shape;
            PyType t = pi.type();
            do {
                if (c.from == sh && c.type == t && c.epoch == PyType.EPOCH.get()) {
                    Shape to = c.to;
                    if (to != sh) {
                        pi.grow(to);
                        pi.slots[c.field] = v;
                        pi.shape = to;
                    } else {
                        pi.slots[c.field] = v;
                    }
                    return;
                }
            } while ((c = c.next) != null);
        }
        storeMiss(sites, pi, name, v, at);
    }

    /**
     * STORE_ATTR the general way; remembers a plain store into the instance's attributes: no
     * property or descriptor of that name in the type and no __setattr__ (as Classes.setattr
     * decides).
     */
    private static void storeMiss(Object[] sites, PyInstance pi, String name, Object v, int at) {
        int epoch = PyType.EPOCH.get();
        Shape from = pi.shape;
        PyType t = pi.type();
        if (from != null && pi.getClass() == PyInstance.class && !t.builtin) {
            Object d = t.lookup(name);
            if ((d == null || plainValue(d)) && t.lookupNotObject("__setattr__") == null) {
                pi.setMember(name, v);
                Shape to = pi.shape;
                if (to != null) {
                    sites[at] = new Store(from, to, to.fieldOf(name), t, epoch, keepStores(sites[at], from));
                }
                return;
            }
        }
        Ops.setattr(pi, name, v);
    }

    private static Store keepStores(Object site, Shape sh) {
        if (!(site instanceof Store c)) {
            return null;
        }
        Store out = null;
        int n = 0;
        int epoch = PyType.EPOCH.get();
        for (; c != null && n < DEPTH - 1; c = c.next) {
            if (c.from != sh && c.epoch == epoch) {
                out = new Store(c.from, c.to, c.field, c.type, c.epoch, out);
                n++;
            }
        }
        return out;
    }

    // ---- LOAD_METHOD ----

    /** LOAD_METHOD on an instance: st[sp] = callable, st[sp + 1] = self or NULL. */
    static void loadMethod(Object[] sites, PyInstance pi, String name, Object[] st, int sp, int at) {
        if (sites[at] instanceof Method c) {
            Shape sh = pi.shape;
            do {
                if (c.shape == sh) {
                    if (c.field >= 0) {
                        st[sp] = pi.slots[c.field];
                        st[sp + 1] = Interp.NULL;
                        return;
                    }
                    if (c.type == pi.type() && c.epoch == PyType.EPOCH.get()) {
                        st[sp] = c.fn;
                        st[sp + 1] = pi;
                        return;
                    }
                }
            } while ((c = c.next) != null);
        }
        methodMiss(sites, pi, name, st, sp, at);
    }

    private static void methodMiss(Object[] sites, PyInstance pi, String name, Object[] st, int sp, int at) {
        Shape sh = pi.shape;
        int epoch = PyType.EPOCH.get();
        Classes.loadMethod(pi, name, st, sp);
        if (sh == null || sh != pi.shape) {
            return;
        }
        int f = sh.fieldOf(name);
        if (f >= 0) {
            if (st[sp + 1] == Interp.NULL && st[sp] == pi.slots[f]) {
                sites[at] = new Method(sh, f, null, 0, null, keepMethods(sites[at], sh));
            }
        } else if (st[sp + 1] == pi && st[sp] instanceof PyFunction fn && pi.type().lookup(name) == fn) {
            sites[at] = new Method(sh, -1, pi.type(), epoch, fn, keepMethods(sites[at], sh));
        }
    }

    private static Method keepMethods(Object site, Shape sh) {
        if (!(site instanceof Method c)) {
            return null;
        }
        Method out = null;
        int n = 0;
        int epoch = PyType.EPOCH.get();
        for (; c != null && n < DEPTH - 1; c = c.next) {
            if (c.shape != sh && (c.field >= 0 || c.epoch == epoch)) {
                out = new Method(c.shape, c.field, c.type, c.epoch, c.fn, out);
                n++;
            }
        }
        return out;
    }
}
