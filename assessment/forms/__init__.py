"""WTForms forms: the theme pages are built from the question bank, the rest are static."""
