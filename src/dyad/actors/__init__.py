"""Who is who: the actor knowledge base (kb), the resolver of mentions to dated CAMEO actor codes
(resolver), and the PETRARCH dictionary import (petrarch)."""
