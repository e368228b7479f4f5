"""Downloads of on-screen tables: CSV (with the spreadsheet-formula guard) and formatted Excel.

Pages build a `Sheet` (title, columns, rows of plain values) from numbers they already have, and
hand it to `exports.csv.to_csv_bytes` or `exports.xlsx.to_xlsx_bytes`; the bytes go to
`dcc.send_bytes`. Nothing here queries data or knows about scope: what is not on the sheet is not
in the file.
"""

from exports.sheet import Column, Sheet

__all__ = ["Column", "Sheet"]
