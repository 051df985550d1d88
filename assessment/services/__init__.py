"""What the leaders' pages and the command line both do, written once."""
