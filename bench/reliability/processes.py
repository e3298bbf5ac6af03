"""What the reliability checks look for among the machine's processes (the tests use it too)."""

import os


def survivors_naming(root):
    """Processes whose command line names ``root``: a build's workers, had they survived."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if str(root).encode() in cmdline.read():
                    found.append(entry)
        except OSError:
            continue
    return found
