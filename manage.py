#!/usr/bin/env python
"""Same as the `meedoen` console script."""

from meedoen.__main__ import main

if __name__ == "__main__":
    main()
