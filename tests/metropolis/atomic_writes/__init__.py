"""Every write that touches several rows is atomic: a failure half-way through
(the database connection lost after the first rows are written) leaves every
table, history and many-to-many tables included, exactly as it was.

A save of a model with history is itself two rows: the record and its
historical row. The failure is injected after some rows are written: most
often when simple-history writes its n-th historical row.
"""
