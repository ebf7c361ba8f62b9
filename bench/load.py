"""100 people at once: gunicorn with production settings, PostgreSQL, a national-scale dataset.

Run from the project folder (about 5 minutes with the defaults):

    .venv/bin/python bench/load.py [--users 100] [--duration 120] [--think 3]

It recreates the database `etwinning_load` on the PostgreSQL server DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432; never the database it names) and bulk-creates 2,000 schools
of one country in 16 regions, each with an assessment in each of 5 calls and an answer row per
statement (31). Each user is the leader of an open-call draft (one in ten a teacher of a draft
another user edits, so some autosaves meet a 409); one more school submits through the real
services and its Bulgarian report is rendered once, so downloads are cache hits. Gunicorn serves
on a free loopback port; after a 10 s warm-up the users loop for `--duration` seconds, pausing
0.5 to 1.5 x `--think` seconds between requests, and it prints requests per second and each
endpoint's latencies. Gunicorn is stopped and the database dropped at the end, also on Ctrl-C.
"""

if __name__ == "__main__":
    # The work is in load_run.py, imported only here: the PDF engine's render processes start by
    # importing the main program again (as Python's multiprocessing does), and must find
    # nothing to run in it, least of all a database to recreate.
    import load_run

    load_run.main()
