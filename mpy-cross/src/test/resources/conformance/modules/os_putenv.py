# MicroPython differs: os.getenv reads the live environment, so putenv takes effect at once
import os

print(os.getenv("MPT_CONF_VAR"))
print(os.getenv("MPT_CONF_VAR", "dflt"))
os.putenv("MPT_CONF_VAR", "one")
print(os.getenv("MPT_CONF_VAR"))
os.putenv("MPT_CONF_VAR", "two")
print(os.getenv("MPT_CONF_VAR", "dflt"))
os.unsetenv("MPT_CONF_VAR")
print(os.getenv("MPT_CONF_VAR"))
