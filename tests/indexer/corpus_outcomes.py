"""Real-world files whose outcome changed from what the corpus manifest recorded, and why.

The manifest (`../shared/corpus/realworld/MANIFEST.csv`, shared and read-only) records what the
readers did when the corpus was assembled. A file a reader has since learnt to read is named
here with a word of its text, so the tests check the text is there instead of a failure.
"""

from __future__ import annotations

# PDFs pypdf gave up on (or read no words in) and pdfium reads, and Office files the readers
# have learnt to open: file -> a word of its text.
NOW_READ: dict[str, str] = {
    "pdf/pdfjs_Pages-tree-refs.pdf": "Testcase",  # cyclic page tree: the loop's page is skipped
    "pdf/pdfjs_operator-in-TJ-array.pdf": "Clientèles",  # operator inside a TJ array
    "pdf/pdfjs_poppler-90-0-fuzzed.pdf": "Distribution",  # bad ASCIIHex stream on one page
    "pdf/pdfminer_issue-1113-evil-xobjects.pdf": "Hello",  # self-referencing XObjects
    "pdf/pdfminer_simple1.pdf": "Hello",  # hand-written, no xref table or startxref
    "pdf/tika_testPDF_bad_page_303226.pdf": "Enforcement",  # one malformed content stream
    "pdf/pdfjs_bomb_giant.pdf": "JBIG2",  # the JBIG2 bomb's caption (the image is not decoded)
    # Excel's built-in default password (VelvetSweatshop), which Excel opens without asking.
    "xlsx/poi_58616.xlsx": "Printer",
    # Part names written with backslashes (xl\\sharedStrings.xml): openpyxl finds no
    # [Content_Types].xml; calamine reads the cells.
    "xlsx/poi_49609.xlsx": "Cycle",
}
