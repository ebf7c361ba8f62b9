"""Each endpoint against the floor, measured side by side in one run on this machine.

Run from the project folder (about 6 minutes with the defaults; PostgreSQL):

    .venv/bin/python bench/compare.py [--rounds 12] [--requests 3] [--write]

It recreates the database `etwinning_compare` on the PostgreSQL server DATABASE_URL names
(never the database it names), builds the national-scale dataset of `load.py`, and starts
gunicorn with production settings and the same workers as `load.py`, plus one page, the
floor (`compare_urls.py`): a bare view rendering a small template for a logged-in person
through the same middleware stack. At concurrency 1 and 8 it measures, interleaved (floor,
principle, floor, autosave, ...), the principle page, the autosave, the eSafety page, the
coordinator's inbox, the review page and a cached report download, and prints each one's
p50 and p95 with its ratio to the floor's. In this process it renders the report cold
through the isolated engine and the same HTML with WeasyPrint alone, interleaved too, and
prints the ratio. With --write the figures replace the "compare.py" section of
bench/README.md. Absolute times are noisy on a shared machine; ratios measured in the same
run are not.
"""

if __name__ == "__main__":
    # As in load.py: the PDF engine's render processes import the main program again.
    import compare_run

    compare_run.main()
