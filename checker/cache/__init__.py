"""The fact cache: ArticleFacts kept between runs.

In: Articles and their extracted facts. Out: the same facts on a later run, without extracting, for
every article whose text, metadata and extraction code are unchanged (a fingerprint covers the
package's modules, the grammar and the lexicons). JSON rows in SQLite, never pickle.
"""
