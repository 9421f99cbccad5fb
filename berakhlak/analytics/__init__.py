"""Pure analytics: culture-index formulas, health bands, small-group suppression, reliability,
the value-selection ("votes") indices and trends between waves.

No Django import anywhere in this package: functions take plain data and return plain data so that
the web, the CLI and the batch engines share them and tests run in milliseconds.
"""
