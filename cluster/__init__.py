"""A local OpenSearch cluster for development and tests: one JVM per node, from Maven artifacts.

``python -m cluster`` (``make cluster``) starts three nodes and stays in the foreground; the test
session starts its own through :class:`cluster.launcher.Cluster`.
"""
