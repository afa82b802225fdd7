/**
 * Library modules, as MicroPython's {@code extmod/}: re, json, framebuf, uctypes, deflate,
 * websocket, cryptolib, select, machine, os, binascii, hashlib, time, random, heapq and
 * platform ({@code asyncio} in its own package). {@link dev.mpt.vm.extmod.LibraryModules}
 * registers them with the core's {@link dev.mpt.vm.BuiltinModules} (found through
 * {@code META-INF/services}); each reaches the core only through its public API and slots,
 * and keeps any state in the VM ({@link dev.mpt.vm.VM#moduleState}).
 */
package dev.mpt.vm.extmod;
