"""python -m voice"""

from voice.cli import main

main()
