"""``python -m pipelines`` runs the evidence-pack command line."""

from pipelines.cli import main

main()
