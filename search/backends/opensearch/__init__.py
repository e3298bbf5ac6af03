"""The OpenSearch backend: a cluster that shards, replicates and survives a lost node."""
