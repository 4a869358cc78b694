"""Privacy pages: the person's own (export, delete, notices) and the administrators'."""
