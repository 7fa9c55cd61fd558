"""add for Firefly's own server:  firefly firefly_add.add --bind 127.0.0.1:PORT"""


def add(a, b):
    """Adds two numbers."""
    return a + b
