"""Article -> ArticleFacts: facts, quotes and name mentions.

In: an :class:`checker.model.Article` and the fact lexicon. Out: :class:`checker.model.ArticleFacts`,
each fact with its key (what is counted or measured), speaker, time anchor and place, each quote with
its speaker, and every mention of a person. Builds on ``parse`` for the quantities; knows nothing of
rules or of other articles.
"""
