"""Small grammars for the pieces of a lab-report row: numbers, units, ranges, flags, results.

Each module is pure (text in, typed value out) so it can be tested with tables of examples.
"""
