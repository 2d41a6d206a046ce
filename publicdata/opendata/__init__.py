"""Open data: the public directory, the board history and the public alliance
facts as files anyone may take away (/open-data/), streamed from one query
each, with a Frictionless Data Package describing their columns and licence."""
