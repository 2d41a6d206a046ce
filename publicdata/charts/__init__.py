"""Charts of the association drawn on the server as SVG, each with a table of
the same numbers beside it: no script, no library, nothing from another
site. One module per chart computes its data from a fixed number of queries
over what a visitor may read (membership.py, composition.py, board.py,
agreements.py); geometry.py turns the numbers into shapes in SVG units, and
small templates under templates/publicdata/charts/ draw them."""
