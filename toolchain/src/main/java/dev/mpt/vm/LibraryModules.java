package dev.mpt.vm;

/** The library modules (MicroPython's extmod), registered through META-INF/services. */
public final class LibraryModules implements BuiltinModules.Library {
    @Override
    public void register() {
        BuiltinModules.register("machine", true, Machine::module);
        BuiltinModules.register("time", true, Modules::time);
        BuiltinModules.register("os", true, Files::os);
        BuiltinModules.register("heapq", true, vm -> Modules.heapq());
        BuiltinModules.register("random", true, Modules::random);
        BuiltinModules.register("json", true, Json::module);
        BuiltinModules.register("binascii", true, vm -> Files.binascii());
        BuiltinModules.register("hashlib", true, vm -> Files.hashlib());
        BuiltinModules.register("re", true, Re::module);
        BuiltinModules.register("asyncio", true, Asyncio::module);
        BuiltinModules.register("select", true, Select::module);
        BuiltinModules.register("platform", true, vm -> Modules.platform());
        BuiltinModules.register("deflate", false, Deflate::module);
        BuiltinModules.register("framebuf", false, vm -> FrameBuf.module());
        BuiltinModules.register("uctypes", false, vm -> UCtypes.module());
        BuiltinModules.register("cryptolib", true, vm -> Cryptolib.module());
        BuiltinModules.register("websocket", true, vm -> Websocket.module());
    }
}
