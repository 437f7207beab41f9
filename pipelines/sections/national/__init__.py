"""Local against national section: the authority in the DfE workforce statistics."""
