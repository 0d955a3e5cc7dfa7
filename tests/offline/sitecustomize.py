"""Put this folder on PYTHONPATH to forbid network connections in a Python process.

Loopback (127.0.0.0/8, ::1) and Unix sockets stay open, so Jupyter kernels still talk to
their clients; anything else raises ``OSError``. Used by the offline tests and CI.
"""

import ipaddress
import socket

_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def _allowed(sock, address) -> bool:
    if sock.family == getattr(socket, "AF_UNIX", None):
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded(original):
    def connect(self, address):
        if not _allowed(self, address):
            raise OSError(f"network access blocked (offline run): {address!r}")
        return original(self, address)
    return connect


socket.socket.connect = _guarded(_connect)
socket.socket.connect_ex = _guarded(_connect_ex)
