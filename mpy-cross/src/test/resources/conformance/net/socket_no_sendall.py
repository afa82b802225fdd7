# MicroPython differs: the unix port's sockets have no sendall (lwip boards' do)
import socket
s = socket.socket()
print(hasattr(s, "sendall"), hasattr(s, "send"))
s.close()
