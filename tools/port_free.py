"""Fail early, with a fix, when `make lab`'s port is already taken."""

import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    try:
        s.bind((host, port))
    except OSError as err:
        print(f"error: port {port} on {host} is not free ({err.strerror}).")
        print(f"       Another JupyterLab may use it: stop it, or run make lab PORT={port + 1}")
        sys.exit(1)
