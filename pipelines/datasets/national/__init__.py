"""DfE children's social work workforce statistics: reading the published national files."""
