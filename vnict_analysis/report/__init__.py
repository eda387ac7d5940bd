"""Report layer, the notebooks' facade: formatting, tables, charts, prose and the sources page.

A notebook needs one import: ``from vnict_analysis import report``.
"""
from .book import (
    Plain, attributions_table, checks_table, corpus_table, fact_mentions_table, facts_table, figures_table,
    findings_table, glue_all, mentions_table, rejected_table, to_html,
)
from .charts import chart_checks, chart_corpus, chart_fact_values, chart_figures
from .format import anchor, count, fmt_value, join_words, language_name, mention_link, source_link
from .sources_page import highlight_article, sources_page, write_sources_page
from .story import (
    attribution_summary, checks_summary, corpus_summary, fact_story, figures_summary, headline_fact, params_text,
    quality_summary, quality_table_for_readers, select_facts,
)
