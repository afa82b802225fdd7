package dev.mpt.flasher;

import dev.mpt.flasher.usb.DfuBus;
import dev.mpt.flasher.usb.DfuDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * USB as the flash workflow sees it, with in-memory device models in its ports. Each look
 * ({@link #open()}) is a fresh view, as a new libusb context is; between looks a device may
 * re-enumerate: a runtime-mode device that was detached (and reset, unless it detaches by
 * itself) is absent for a few looks, then shows up as its DFU-mode self.
 */
final class ModelBus implements DfuBus.Opener {
    /** A device in a USB port. */
    final class Port {
        final String path;
        DfuDevice shown;
        IntFunction<Transport> transports;
        DfuDevice inDfuMode;
        IntFunction<Transport> dfuTransports;
        boolean refusesDetach;
        boolean ignoresDetach;
        int absentLooks;
        int detaches;
        int resets;

        Port(DfuDevice shown, IntFunction<Transport> transports) {
            this.path = shown.path();
            this.shown = shown;
            this.transports = transports;
        }

        /** In runtime mode: what it comes back as after DETACH, and how many looks it stays away. */
        Port detachesTo(DfuDevice dfu, IntFunction<Transport> transports, int looksAway) {
            this.inDfuMode = dfu;
            this.dfuTransports = transports;
            this.absentLooks = looksAway;
            return this;
        }

        /** Absent for the next looks (still enumerating). */
        Port appearsAfter(int looks) {
            awayFor = looks + 1;
            return this;
        }

        private void reEnumerate() {
            if (inDfuMode != null && !ignoresDetach) {
                log.add("re-enumerate " + path + " in DFU mode");
                shown = inDfuMode;
                transports = dfuTransports;
                inDfuMode = null;
                awayFor = absentLooks + 1;
            }
        }

        private int awayFor;
    }


    final List<Port> ports = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    int looks;
    int openViews;

    /** Plugs a device in. */
    Port plug(DfuDevice device, IntFunction<Transport> transports) {
        Port p = new Port(device, transports);
        ports.add(p);
        return p;
    }

    /** Plugs in a DfuSe device model (powered on again at each open, as after a reset). */
    Port plug(DfuDevice device, DfuseDeviceModel model) {
        return plug(device, alt -> {
            if (model.gone) {
                model.powerOn();
            }
            return model;
        });
    }

    @Override
    public DfuBus open() {
        looks++;
        openViews++;
        for (Port p : ports) {
            if (p.awayFor > 0) {
                p.awayFor--;
            }
        }
        return new View();
    }

    private final class View implements DfuBus {
        private final List<Port> seen = ports.stream().filter(p -> p.awayFor == 0).toList();
        private boolean open = true;

        @Override
        public List<DfuDevice> devices() {
            return seen.stream().map(p -> p.shown).toList();
        }

        @Override
        public Transport open(DfuDevice device, int alternate) {
            Optional<Port> port = seen.stream().filter(p -> p.path.equals(device.path()) && p.shown == device).findFirst();
            if (port.isEmpty()) {
                throw new FlasherException("the DFU device at " + device.path() + " went away");
            }
            Port p = port.get();
            log.add("open " + p.path + " alt " + alternate);
            if (!device.dfuMode()) {
                return new RuntimeMode(p);
            }
            return p.transports.apply(alternate);
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                openViews--;
            }
        }
    }

    /** The DFU interface of a device running its application: it takes DETACH (or refuses it). */
    private final class RuntimeMode implements Transport {
        private final Port port;
        private boolean detached;

        RuntimeMode(Port port) {
            this.port = port;
        }

        @Override
        public void controlOut(int request, int value, byte[] data, int timeoutMs) {
            DfuRequest r = DfuRequest.of(request);
            log.add(r + " " + value + " to " + port.path);
            if (r != DfuRequest.DETACH || port.refusesDetach) {
                throw new TransportException(TransportException.Kind.STALL, "stall");
            }
            port.detaches++;
            detached = true;
            if (port.shown.functional().willDetach()) {
                port.reEnumerate();
            }
        }

        @Override
        public byte[] controlIn(int request, int value, int length, int timeoutMs) {
            throw new TransportException(TransportException.Kind.STALL, "stall");
        }

        @Override
        public void reset() {
            log.add("reset " + port.path);
            port.resets++;
            if (detached) {
                port.reEnumerate();
            }
        }

        @Override
        public void close() {}
    }
}
