"""``python -m cluster``: three nodes on 127.0.0.1:9200-9202, data under var/cluster, until Ctrl-C."""

import argparse
import signal
import sys
import time

from .launcher import Cluster, ClusterUnavailable


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cluster", description=__doc__)
    parser.add_argument("--data", default="var/cluster", help="folder of the nodes' data")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--http-port", type=int, default=9200)
    parser.add_argument("--transport-port", type=int, default=9300)
    args = parser.parse_args(argv)
    cluster = Cluster(args.data, size=args.nodes, http_port=args.http_port,
                      transport_port=args.transport_port)
    # Ctrl-C and SIGTERM both end in the same clean stop of every node.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    started = time.monotonic()
    try:
        print(f"Démarrage de {args.nodes} nœuds OpenSearch (données dans {args.data})…",
              flush=True)
        cluster.start()
        print(f"Cluster vert en {time.monotonic() - started:.0f} s : {cluster.url} "
              f"(nœuds : {', '.join(cluster.urls)}). Ctrl-C pour l’arrêter.", flush=True)
        while True:
            time.sleep(3600)
    except ClusterUnavailable as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        print("Cluster arrêté.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
