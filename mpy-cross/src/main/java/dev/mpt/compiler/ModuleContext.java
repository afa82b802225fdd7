package dev.mpt.compiler;

import dev.mpt.compiler.ParseNode.Complex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What all scopes of one module share: the qstr table (the source file name first, then
 * qstrs in order of first use) and the constant-object table (in order of first use, with
 * MicroPython's strict equality: same type and value, and 0.0 distinct from -0.0).
 */
final class ModuleContext {
    private final Map<String, Integer> qstrs = new LinkedHashMap<>();
    private final List<Object> consts = new ArrayList<>();

    ModuleContext(String sourceFile) {
        qstrs.put(sourceFile, 0);
    }

    int useQstr(String q) {
        Integer idx = qstrs.get(q);
        if (idx == null) {
            idx = qstrs.size();
            qstrs.put(q, idx);
        }
        return idx;
    }

    int useConst(Object obj) {
        for (int i = 0; i < consts.size(); i++) {
            if (strictlyEqual(consts.get(i), obj)) {
                return i;
            }
        }
        consts.add(obj);
        return consts.size() - 1;
    }

    List<String> qstrs() {
        return new ArrayList<>(qstrs.keySet());
    }

    List<Object> consts() {
        return consts;
    }

    static boolean strictlyEqual(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Double x && b instanceof Double y) {
            double dx = x;
            double dy = y;
            if (dx != dy) {
                return false;
            }
            return dx != 0.0 || (Double.doubleToRawLongBits(dx) < 0) == (Double.doubleToRawLongBits(dy) < 0);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!strictlyEqual(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Complex x && b instanceof Complex y) {
            return x.real() == y.real() && x.imag() == y.imag();
        }
        if (a instanceof BigInteger || a instanceof String || a instanceof ParseNode.Bytes
                || a instanceof ParseNode.Singleton) {
            return a.getClass() == b.getClass() && a.equals(b);
        }
        return false;
    }
}
