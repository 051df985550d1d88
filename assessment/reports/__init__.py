"""Charts and the PDF report (from the next issues)."""
