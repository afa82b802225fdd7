package dev.mpt.vm.extmod;

import dev.mpt.vm.BuiltinModules;

/** The library modules (MicroPython's extmod), registered with the core through META-INF/services. */
public final class LibraryModules implements BuiltinModules.Library {
    @Override
    public void register() {
        BuiltinModules.register("machine", true, Machine::module);
        BuiltinModules.register("time", true, Time::time);
        BuiltinModules.register("os", true, Os::os);
        BuiltinModules.register("vfs", false, Vfs::module);
        BuiltinModules.register("heapq", true, vm -> Heapq.heapq());
        BuiltinModules.register("marshal", false, Marshal::module);
        BuiltinModules.register("random", true, Random::random);
        BuiltinModules.register("json", true, Json::module);
        BuiltinModules.register("binascii", true, vm -> Binascii.binascii());
        BuiltinModules.register("hashlib", true, vm -> Hashlib.hashlib());
        BuiltinModules.register("re", true, Re::module);
        // asyncio is a frozen package on a board: found where .frozen stands in sys.path
        BuiltinModules.registerFrozen("asyncio", dev.mpt.vm.extmod.asyncio.Asyncio::module);
        BuiltinModules.registerFrozen("uasyncio", dev.mpt.vm.extmod.asyncio.Asyncio::module);
        BuiltinModules.register("select", true, Select::module);
        BuiltinModules.register("socket", true, Socket::module);
        BuiltinModules.register("tls", false, Tls::tls);
        // ssl is micropython-lib's ssl.py over tls, frozen into the unix port
        BuiltinModules.registerFrozen("ssl", Tls::ssl);
        BuiltinModules.register("platform", true, vm -> Platform.platform());
        BuiltinModules.register("deflate", false, Deflate::module);
        BuiltinModules.register("btree", false, vm -> Btree.module());
        BuiltinModules.register("framebuf", false, vm -> FrameBuf.module());
        BuiltinModules.register("uctypes", false, vm -> UCtypes.module());
        BuiltinModules.register("cryptolib", true, vm -> Cryptolib.module());
        BuiltinModules.register("websocket", true, vm -> Websocket.module());
    }
}
