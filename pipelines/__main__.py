"""``python -m pipelines`` runs the evidence-pack command line."""

from pipelines.cli import main

if __name__ == "__main__":  # not when a worker process (PDFs) imports the main module
    main()
