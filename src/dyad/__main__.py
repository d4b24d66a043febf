"""python -m dyad"""

from .cli import main

main()
