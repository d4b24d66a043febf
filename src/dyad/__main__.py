"""python -m dyad"""

from dyad.cli.main import main

main()
