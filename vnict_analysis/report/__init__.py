"""Report layer, the notebooks' facade: formatting, tables, charts, prose, parameters and the sources page.

A notebook needs one import: ``from vnict_analysis import report``.
"""
from .book import (
    Plain, attributions_table, checks_table, chip, conflicts_html, corpus_table, details,
    fact_mentions_table, facts_table, figures_table, findings_table, glue_all, mentions_table, name_matches_table,
    order_facts,
    rejected_table, to_html,
)
from .charts import chart_checks, chart_fact_matrix, chart_figures, chart_timeline, figure_html
from .format import anchor, count, fmt_value, join_words, language_name, mention_link, source_link
from .params import (
    check_languages, check_params, display_path, known_entities, resolve_entity, valid_values_markdown,
)
from .sources_page import highlight_article, sources_page, write_sources_page
from .story import (
    attribution_summary, checks_summary, corpus_summary, coverage_summary, credit_sentence, fact_label, fact_name,
    fact_story,
    figures_summary, headline_fact, headline_text, label_sentence, officials_summary, params_text, placement,
    qualifier_sentence, quality_summary, quality_table_for_readers, select_facts, source_name, source_names,
    status_counts_text,
    value_sentence,
)
