"""One module a command; cli.py imports the one it runs."""
