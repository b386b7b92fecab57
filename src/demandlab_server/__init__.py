"""The course's Jupyter server settings that need code: TCP_NODELAY on the kernel websocket.

jupyter_server leaves Nagle's algorithm on for the kernel websocket, so a small kernel ->
browser message (a widget update after a slider move) can wait for the browser's delayed ACK,
about 40 ms on Linux (benchmarks/README.md, "Slider to redrawn figure"). Turning it off is a
supported setting: ``ServerApp.kernel_websocket_connection_class`` names the class that
connects a kernel websocket, and binder/jupyter_server_config.json names this one, for
Binder, ``make lab`` and the hub's single-user servers alike.

This is a separate package from ``demandlab`` on purpose: importing ``demandlab`` loads numpy,
plotly and ipywidgets, which the server process must not pay for.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayKernelWebsocketConnection"]


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The stock kernel websocket connection, with TCP_NODELAY set on its socket on connect."""

    def connect(self):
        # tornado's WebSocketHandler.set_nodelay: setsockopt(TCP_NODELAY) on the open stream.
        self.websocket_handler.set_nodelay(True)
        return super().connect()
