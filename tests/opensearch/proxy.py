"""A TCP relay to one OpenSearch node that can cut every connection at once, the way a network
link drops: what the client sees is a real connection lost mid-request."""

import socket
import threading


class CuttableRelay:
    """Relays 127.0.0.1:``port`` to ``target``; cuts everything once ``cut_after`` bytes went up."""

    def __init__(self, target_port, cut_after=None):
        self.target = ("127.0.0.1", target_port)
        self.cut_after = cut_after
        self.sent = 0
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, sink, upward):
        try:
            while data := source.recv(65536):
                if upward:
                    self.sent += len(data)
                    if self.cut_after is not None and self.sent > self.cut_after:
                        self.close()
                        return
                sink.sendall(data)
        except OSError:
            pass

    def close(self):
        """Drops every connection and refuses new ones."""
        self.cut.set()
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
