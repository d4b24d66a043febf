"""Analysis of stored events: the cooperation index and, in time, relations, dyads, networks."""
