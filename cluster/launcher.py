"""Starts, watches and stops OpenSearch nodes built by this folder's Maven module.

Each node is a separate JVM (``org.chronique.cluster.ClusterNode``) so that one can be killed
while the others go on. Nothing here needs a Python package beyond the standard library: the
launcher must run before Chronique's own dependencies matter.
"""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

MODULE_DIR = Path(__file__).resolve().parent
TARGET_DIR = MODULE_DIR / "target"
JAR = TARGET_DIR / "chronique-cluster.jar"
MAIN_CLASS = "org.chronique.cluster.ClusterNode"

#: Heap of each node: three of them fit a developer's machine beside the tests.
DEFAULT_HEAP = "512m"
#: How long a cluster may take to turn green: three JVMs starting at once on two busy cores.
START_TIMEOUT_S = 150
#: How long a node may take to close after SIGTERM before it is killed.
STOP_TIMEOUT_S = 20


class ClusterUnavailable(Exception):
    """The cluster cannot be built or started here; the message says why and what to install."""


def missing_tools():
    """Names of the tools a cluster needs that are not on this machine."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def _sources():
    yield MODULE_DIR / "pom.xml"
    yield from (MODULE_DIR / "src").rglob("*")


def build(quiet=True):
    """Builds the launcher jar and copies its libraries, unless it is newer than its sources."""
    if JAR.exists() and (TARGET_DIR / "lib").is_dir():
        built = JAR.stat().st_mtime
        if all(path.stat().st_mtime <= built for path in _sources()):
            return JAR
    if missing_tools():
        raise ClusterUnavailable(f"{' and '.join(missing_tools())} not found: the OpenSearch "
                                 "cluster needs Java 17 and Maven (apt-get install "
                                 "openjdk-17-jdk-headless maven)")
    command = ["mvn", "-B", "package"] + (["-q"] if quiet else [])
    result = subprocess.run(command, cwd=MODULE_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterUnavailable("building the cluster module failed (mvn -B package in "
                                 f"{MODULE_DIR}):\n{(result.stdout + result.stderr)[-3000:]}")
    JAR.touch()
    return JAR


@dataclass
class NodeSpec:
    """Where one node listens and keeps its data."""

    name: str
    http_port: int
    transport_port: int
    home: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def log(self):
        return self.home / "node.log"


class Cluster:
    """``size`` nodes on 127.0.0.1, HTTP on ``http_port`` and up, data under ``root/nodeN``."""

    def __init__(self, root, *, size=3, http_port=9200, transport_port=9300, heap=DEFAULT_HEAP,
                 name="chronique"):
        self.root = Path(root)
        self.name = name
        self.heap = heap
        self.nodes = [NodeSpec(f"node{i}", http_port + i, transport_port + i,
                               self.root / f"node{i}") for i in range(size)]
        self.processes = {}

    @property
    def url(self):
        return self.nodes[0].url

    @property
    def urls(self):
        return [node.url for node in self.nodes]

    def _settings(self, node):
        seeds = ",".join(f"127.0.0.1:{n.transport_port}" for n in self.nodes)
        return {
            "cluster.name": self.name,
            "node.name": node.name,
            "path.home": node.home,
            "path.data": node.home / "data",
            "path.logs": node.home / "logs",
            "http.port": node.http_port,
            "transport.port": node.transport_port,
            "discovery.seed_hosts": seeds,
            # Read only when the cluster first forms; harmless on later starts.
            "cluster.initial_cluster_manager_nodes": ",".join(n.name for n in self.nodes),
        }

    def _command(self, node):
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get(
            "JAVA_HOME") else "java"
        classpath = f"{JAR}{os.pathsep}{TARGET_DIR / 'lib' / '*'}"
        return [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseSerialGC",
                "-Dopensearch.set.netty.runtime.available.processors=false",
                "-Dlog4j2.disable.jmx=true", "-Djava.awt.headless=true",
                "-cp", classpath, MAIN_CLASS,
                *(f"{key}={value}" for key, value in self._settings(node).items())]

    def start_node(self, index):
        """Starts one node's JVM (not waiting for it to join)."""
        node = self.nodes[index]
        node.home.mkdir(parents=True, exist_ok=True)
        with open(node.log, "ab") as log:
            self.processes[index] = subprocess.Popen(
                self._command(node), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)

    def start(self, timeout=START_TIMEOUT_S):
        """Starts every node and waits for green; stops them all if it does not come."""
        build()
        busy = [n.url for n in self.nodes if _answers(n.url)]
        if busy:
            raise ClusterUnavailable(f"something already answers on {', '.join(busy)}: "
                                     "stop it or choose other ports")
        for index in range(len(self.nodes)):
            self.start_node(index)
        try:
            self.wait_for_status("green", timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_for_status(self, status="green", timeout=START_TIMEOUT_S, nodes=None):
        """Waits until the cluster reports ``status`` with all (or ``nodes``) nodes in it."""
        wanted = len(self.nodes) if nodes is None else nodes
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            self._check_alive()
            for url in self.live_urls():
                try:
                    health = _get_json(f"{url}/_cluster/health?wait_for_status={status}"
                                       f"&wait_for_nodes={wanted}&timeout=2s")
                except (OSError, ValueError) as error:
                    last = str(error)
                    continue
                last = json.dumps(health)
                if not health.get("timed_out") and health.get("number_of_nodes") == wanted:
                    return health
                break
            time.sleep(1)
        raise ClusterUnavailable(f"the cluster did not turn {status} with {wanted} nodes in "
                                 f"{timeout} s (last answer: {last}); node logs: "
                                 f"{', '.join(str(n.log) for n in self.nodes)}")

    def _check_alive(self):
        for index, process in self.processes.items():
            if process.poll() is not None and not getattr(process, "killed_on_purpose", False):
                tail = self.nodes[index].log.read_text(errors="replace")[-2000:]
                raise ClusterUnavailable(f"{self.nodes[index].name} exited with "
                                         f"{process.returncode}:\n{tail}")

    def live_urls(self):
        return [self.nodes[i].url for i, p in self.processes.items() if p.poll() is None]

    def kill_node(self, index):
        """SIGKILL, as a crashed machine would: no clean shutdown, no goodbye to the others."""
        process = self.processes[index]
        process.killed_on_purpose = True
        process.send_signal(signal.SIGKILL)
        process.wait()

    def recover(self, index, timeout=180):
        """Restarts node ``index`` if it is down and waits for green: the cluster's health."""
        if self.processes[index].poll() is not None:
            self.start_node(index)
        return self.wait_for_status("green", timeout=timeout)

    def stop_node(self, index):
        process = self.processes.pop(index, None)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop(self):
        """Closes every node (SIGTERM, then SIGKILL for a node that hangs)."""
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for index in list(self.processes):
            self.stop_node(index)

    def rss_bytes(self):
        """Resident memory of each running node's JVM, from /proc."""
        sizes = {}
        for index, process in self.processes.items():
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    sizes[self.nodes[index].name] = int(line.split()[1]) * 1024
        return sizes

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _get_json(url, timeout=10):
    """The JSON a node answers, also with an error status (a health check that timed out
    answers 408 with its health)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        with error:  # its connection is closed here, not left to the garbage collector
            return json.load(error)


def _answers(url):
    try:
        urllib.request.urlopen(url, timeout=1).close()
        return True
    except urllib.error.HTTPError as error:
        error.close()
        return True
    except OSError:
        return False
