/**
 * asyncio, split as MicroPython splits its {@code asyncio} package: the loop and its queues
 * ({@code Asyncio}, core.py), {@code Task} (task.py), {@code Funcs} (sleep, gather, wait_for:
 * funcs.py), {@code Event} and ThreadSafeFlag (event.py), {@code Lock} (lock.py) and
 * {@code Stream} (stream.py). The types and exceptions belong to one VM's loop.
 */
package dev.mpt.vm.extmod.asyncio;
