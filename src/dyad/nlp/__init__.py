"""Language processing shared by the stages: the dependency tree of a parsed sentence."""
