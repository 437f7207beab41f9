"""Developer tools that are not part of a build (the benchmark)."""
