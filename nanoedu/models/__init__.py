"""Pure numerics (numpy/scipy only): no widgets, no plotting, no printing."""
