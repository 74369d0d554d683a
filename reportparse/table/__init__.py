"""Table reading: lines and cells, a lexer for cell contents, and the row grammar."""
