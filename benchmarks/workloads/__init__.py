"""The workloads, each written once for every engine, next to its hand-written float floor."""
