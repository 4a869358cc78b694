"""Allow ``python -m natverk``."""

from natverk.cli import main

if __name__ == "__main__":
    main()
