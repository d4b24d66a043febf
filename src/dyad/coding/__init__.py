"""The coding stage's parts: the learned trigger model (:mod:`dyad.coding.model`)."""
